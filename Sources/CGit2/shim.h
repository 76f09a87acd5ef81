#include <git2.h>

/* Swift cannot call C variadic functions such as git_libgit2_opts, so the few options
   Mooring sets get fixed-signature wrappers here. */

/* git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, size): objects of `type` up to `size`
   bytes are kept in each repository's object cache. */
static inline int mooring_git_set_cache_object_limit(git_object_t type, size_t size) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, size);
}

/* git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path): either may be NULL, not both. */
static inline int mooring_git_set_ssl_cert_locations(const char *file, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path);
}
