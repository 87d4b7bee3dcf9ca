# The `docs` target: the API reference from the Doxygen comments, with warnings as errors.
find_package(Doxygen QUIET)
if(DOXYGEN_FOUND)
  # The distributed module (PETSc/SLEPc) is documented only in builds that have it.
  set(SPECTRAKIT_DOXYGEN_EXCLUDE_PATTERNS "")
  if(NOT SPECTRAKIT_WITH_SLEPC)
    set(SPECTRAKIT_DOXYGEN_EXCLUDE_PATTERNS "*/spectrakit/distributed.hpp */spectrakit/distributed/*")
  endif()
  set(SPECTRAKIT_DOXYFILE "${PROJECT_BINARY_DIR}/Doxyfile")
  configure_file("${PROJECT_SOURCE_DIR}/docs/Doxyfile.in" "${SPECTRAKIT_DOXYFILE}" @ONLY)
  add_custom_target(docs
    COMMAND "${DOXYGEN_EXECUTABLE}" "${SPECTRAKIT_DOXYFILE}"
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    COMMENT "Building the API reference in ${PROJECT_BINARY_DIR}/docs/html"
    VERBATIM)
endif()
