# Install rules and the CMake package, so that consumers can write
#   find_package(iro CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE iro::iro)
include(CMakePackageConfigHelpers)

set(IRO_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/iro CACHE STRING "Where iro's CMake package files go")

install(TARGETS iro EXPORT iroTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/iro DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/lib/generated/include/iro/version.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/iro)
install(EXPORT iroTargets NAMESPACE iro:: DESTINATION ${IRO_INSTALL_CMAKEDIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/iroConfig.cmake.in
  ${PROJECT_BINARY_DIR}/iroConfig.cmake
  INSTALL_DESTINATION ${IRO_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/iroConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/iroConfig.cmake ${PROJECT_BINARY_DIR}/iroConfigVersion.cmake
  DESTINATION ${IRO_INSTALL_CMAKEDIR})
