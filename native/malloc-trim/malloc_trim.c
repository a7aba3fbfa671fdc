// malloc_trim(0) for Node: gives the free pages inside glibc's malloc arenas back to the system.
//
// glibc returns only the top of an arena on free(); free space between live blocks stays resident. After an import,
// the read worker thread's arena held 70 MB of which 51 MB was free in such gaps (gdb on the live server), and only
// malloc_trim returns it (README, Benchmarks > Audiences). It runs on libuv's thread pool: trimming a large arena took
// up to 49 ms, which on the event loop would stall every request. Elsewhere than glibc it does nothing.
#include <stdlib.h>
#include <node_api.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  int released;
} Trim;

static void Execute(napi_env env, void* data) {
  (void)env;
  Trim* trim = (Trim*)data;
#if defined(__GLIBC__)
  trim->released = malloc_trim(0);
#else
  trim->released = 0;
#endif
}

static void Complete(napi_env env, napi_status status, void* data) {
  Trim* trim = (Trim*)data;
  napi_value result;
  napi_get_boolean(env, status == napi_ok && trim->released != 0, &result);
  napi_resolve_deferred(env, trim->deferred, result);
  napi_delete_async_work(env, trim->work);
  free(trim);
}

// trim(): a promise of whether any memory was returned.
static napi_value StartTrim(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value promise, name;
  Trim* trim = (Trim*)calloc(1, sizeof(Trim));
  if (!trim) return NULL;
  napi_create_promise(env, &trim->deferred, &promise);
  napi_create_string_utf8(env, "malloc_trim", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, NULL, name, Execute, Complete, trim, &trim->work);
  napi_queue_async_work(env, trim->work);
  return promise;
}

static napi_value Supported(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result;
#if defined(__GLIBC__)
  napi_get_boolean(env, 1, &result);
#else
  napi_get_boolean(env, 0, &result);
#endif
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "trim", NAPI_AUTO_LENGTH, StartTrim, NULL, &fn);
  napi_set_named_property(env, exports, "trim", fn);
  napi_create_function(env, "supported", NAPI_AUTO_LENGTH, Supported, NULL, &fn);
  napi_set_named_property(env, exports, "supported", fn);
  return exports;
}
