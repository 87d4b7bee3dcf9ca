// libspectrakit (compiled mode): the readers, compiled once (with zlib when CMake found it, so
// that .mtx.gz files are read).
#define SPECTRAKIT_COMPILING_IO 1
#include <spectrakit/io.hpp>
