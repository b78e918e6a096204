#ifndef NETPLAYGROUND_COPENBLAS_SHIM_H
#define NETPLAYGROUND_COPENBLAS_SHIM_H
// Debian's libopenblas-dev puts cblas.h under an openblas-* include dir that
// pkg-config names; this picks it up from there.
#include <cblas.h>
#endif
