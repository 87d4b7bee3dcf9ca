# Finds Eigen without a version request (Eigen 5's config rejects a request for 3.x), then
# checks that it is at least 3.4. Used by the build and by the installed package config.
if(NOT TARGET Eigen3::Eigen)
  find_package(Eigen3 CONFIG QUIET)
  if(NOT Eigen3_FOUND)
    find_package(Eigen3 MODULE QUIET)
  endif()
endif()
if(NOT TARGET Eigen3::Eigen)
  message(FATAL_ERROR
    "spectrakit needs Eigen 3.4 or newer, and no Eigen3 CMake package was found. "
    "Install it (Debian/Ubuntu: apt-get install libeigen3-dev) or set Eigen3_DIR.")
endif()
set(_spectrakit_eigen_version "${Eigen3_VERSION}")
if(NOT _spectrakit_eigen_version AND DEFINED EIGEN3_VERSION_STRING)
  set(_spectrakit_eigen_version "${EIGEN3_VERSION_STRING}")
endif()
if(_spectrakit_eigen_version AND _spectrakit_eigen_version VERSION_LESS 3.4)
  message(FATAL_ERROR
    "spectrakit needs Eigen 3.4 or newer; found Eigen ${_spectrakit_eigen_version} "
    "(Eigen3_DIR=${Eigen3_DIR}).")
endif()
