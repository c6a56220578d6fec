/*
 * The preview server (serve.c): builds the site with the base URL
 * http://127.0.0.1:PORT/, serves it on 127.0.0.1 only (GET and HEAD,
 * bounded requests, no path outside the site), and rebuilds it when
 * content/, static/, layouts/, partials/, the theme or marquee.yml change.
 */
#ifndef MARQUEE_SERVE_H
#define MARQUEE_SERVE_H

#include "common/config.h"
#include "generator/site/site.h"

/*
 * Serves until SIGINT or SIGTERM; opts as for site_build (its base_url and
 * cache are the server's own). 0 when stopped, or -1 after reporting (the
 * first build failed, the port is taken).
 */
int serve_site(const struct config *cfg, const struct site_options *opts, long port);

#endif
