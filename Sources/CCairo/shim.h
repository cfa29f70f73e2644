// Cairo's core API with its PNG and SVG surfaces; the only C header the Charts module sees.
#include <cairo/cairo.h>
#include <cairo/cairo-svg.h>
