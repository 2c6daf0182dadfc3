// httpd's limits, as named constants. Each names the C constant it stands for
// (httpd.h 1.167 and parse.y 1.130 of 2025-11-28, OpenBSD's <limits.h> and
// <sys/un.h>). Buffers hold a NUL, so a value fits when it is at most
// `buffer - 1` bytes (strlcpy(3) truncation is what httpd checks).

/** Size of a path buffer, NUL included (PATH_MAX): root, rewrite path, index, log names, htpasswd. */
export const PATH_MAX = 1024;
/** Longest host name (HOST_NAME_MAX); server names and aliases live in `HOST_NAME_MAX + 1` bytes. */
export const HOST_NAME_MAX = 255;
/** Size of the location pattern buffer, NUL included (HTTPD_LOCATION_MAX). */
export const HTTPD_LOCATION_MAX = 255;
/** Size of the auth realm buffer, NUL included (HTTPD_REALM_MAX). */
export const HTTPD_REALM_MAX = 255;
/** Size of the errdocs directory buffer, NUL included (HTTPD_ERRDOCROOT_MAX = PATH_MAX - sizeof("000.html")). */
export const HTTPD_ERRDOCROOT_MAX = PATH_MAX - "000.html".length - 1;
/** Size of the tls ciphers, dhe and ecdhe buffers, NUL included (HTTPD_TLS_CONFIG_MAX). */
export const HTTPD_TLS_CONFIG_MAX = 511;
/** Size of a fastcgi param name buffer, NUL included (HTTPD_FCGI_NAME_MAX). */
export const HTTPD_FCGI_NAME_MAX = 511;
/** Size of a fastcgi param value buffer, NUL included (HTTPD_FCGI_VAL_MAX). */
export const HTTPD_FCGI_VAL_MAX = 511;
/** Size of a custom header name buffer, NUL included (`name[128]` of struct custom_header). */
export const HEADER_NAME_MAX = 128;
/** Size of a custom header value buffer, NUL included (`value[512]` of struct custom_header). */
export const HEADER_VALUE_MAX = 512;
/** Size of a media extension buffer, NUL included (MEDIATYPE_NAMEMAX). */
export const MEDIATYPE_NAMEMAX = 128;
/** Size of a media type or subtype buffer, NUL included (MEDIATYPE_TYPEMAX). */
export const MEDIATYPE_TYPEMAX = 64;
/** Size of a UNIX socket path, NUL included (`sun_path` of struct sockaddr_un on OpenBSD). */
export const SUN_PATH_MAX = 104;
/** Most server processes (PROC_MAX_INSTANCES); `prefork` takes 1 to this. */
export const PROC_MAX_INSTANCES = 32;
/** Largest `tcp backlog` (SERVER_MAX_CLIENTS). */
export const SERVER_MAX_CLIENTS = 1024;
/** Smallest non-zero `tls ticket lifetime`, seconds (SERVER_MIN_TLS_LIFETIME). */
export const SERVER_MIN_TLS_LIFETIME = 60;
/** Largest `tls ticket lifetime`, seconds (SERVER_MAX_TLS_LIFETIME). */
export const SERVER_MAX_TLS_LIFETIME = 24 * 3600;
/** `tls ticket lifetime default`, seconds (SERVER_DEF_TLS_LIFETIME). */
export const SERVER_DEF_TLS_LIFETIME = 2 * 3600;
/** Largest `hsts max-age`, `request strip` and `fastcgi strip` (INT_MAX). */
export const INT_MAX = 2147483647;
/** Largest port number (USHRT_MAX). */
export const USHRT_MAX = 65535;
/** Most addresses one `listen on` name expands to (HTTPD_MAX_ALIAS_IP). */
export const HTTPD_MAX_ALIAS_IP = 16;
/** Default FastCGI TCP port (FCGI_DEFAULT_PORT). */
export const FCGI_DEFAULT_PORT = 9000;

/**
 * HTTP status codes httpd knows (HTTP_ERRORS of httpd's http.h 1.11: IANA
 * 2014-06 plus 306 and 420), and 418 and 451, which the later table of
 * relayd's http.h 1.12 (2021) adds: whether httpd's table took them too is not
 * verified, so they are not refused. `block return` takes only these.
 */
export const HTTP_ERRORS: ReadonlySet<number> = new Set([
  100, 101, 102, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 420, 422, 423,
  424, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);
