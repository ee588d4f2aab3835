# (-Wnull-dereference is left out: GCC 12 reports false positives inside libstdc++ at -O2.)
# Warnings live on an interface target that iro's own targets link privately, so they
# never leak into a consumer's build.
add_library(iro_warnings INTERFACE)
target_compile_options(iro_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough>
  $<$<BOOL:${IRO_WARNINGS_AS_ERRORS}>:-Werror>)
