#ifndef NETPLAYGROUND_CZLIB_SHIM_H
#define NETPLAYGROUND_CZLIB_SHIM_H
#include <zlib.h>
#endif
