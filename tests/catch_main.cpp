// The Catch2 v2 main (Catch2 v3 provides Catch2::Catch2WithMain instead).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
