// The Catch2 runner for iro's C++ tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
