/* site.h: the site's shared pages, named once for every program (site.c). */
#ifndef SITE_H
#define SITE_H

#include "portal.h"

extern const struct portal_site site;

#endif
