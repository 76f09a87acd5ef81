#include <git2.h>

/* Swift cannot call C variadic functions such as git_libgit2_opts, so the few options
   Mooring sets get fixed-signature wrappers here. */

/* git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path): either may be NULL, not both. */
static inline int mooring_git_set_ssl_cert_locations(const char *file, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path);
}
