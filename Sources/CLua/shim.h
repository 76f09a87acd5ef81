// Lua 5.4 (Debian's liblua5.4-dev) for the LuaSandbox module. Everything Swift can call directly
// it calls directly; this header holds only what it cannot: the count hook that stops a script
// over its instruction budget. The hook raises a Lua error, which unwinds by longjmp, and a
// longjmp must never skip a Swift frame, so the hook is C.
#ifndef MOORING_CLUA_SHIM_H
#define MOORING_CLUA_SHIM_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stddef.h>

/// What one sandboxed run may use; the allocator's userdata.
typedef struct mooring_lua_limits {
    size_t used;              // bytes allocated now
    size_t limit;             // allocations past this fail ("not enough memory")
    int budget_exhausted;     // set by the hook when the instruction budget ran out
} mooring_lua_limits;

/// Raises "instruction budget exceeded" (with the script's position) and from then on fires
/// before every instruction, so a script that catches the error with pcall cannot go on.
static inline void mooring_lua_budget_hook(lua_State *L, lua_Debug *ar) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    if (ud != NULL) ((mooring_lua_limits *)ud)->budget_exhausted = 1;
    lua_sethook(L, mooring_lua_budget_hook, LUA_MASKCOUNT, 1);
    if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
        lua_pushfstring(L, "%s:%d: instruction budget exceeded", ar->short_src, ar->currentline);
    else
        lua_pushstring(L, "instruction budget exceeded");
    lua_error(L);
}

/// Lets the running script execute `instructions` VM instructions, then stops it.
static inline void mooring_lua_set_budget(lua_State *L, int instructions) {
    lua_sethook(L, mooring_lua_budget_hook, LUA_MASKCOUNT, instructions);
}

#endif
