// Catch2 v2 / v3 compatibility for the spectrakit tests: include this instead of Catch directly.
#ifndef SPECTRAKIT_TESTS_CATCH_HPP
#define SPECTRAKIT_TESTS_CATCH_HPP

#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>  // Catch2 v3
#else
#include <catch2/catch.hpp>  // Catch2 v2 (Debian 12 ships 2.13)
namespace Catch {
using Detail::Approx;
}  // namespace Catch
#endif

#include <string>

/// Requires that `expr` throws `Exception` whose what() contains `text`.
#define SPECTRAKIT_REQUIRE_THROWS_CONTAINING(expr, Exception, text)                      \
  do {                                                                                    \
    bool spectrakit_thrown_ = false;                                                      \
    try {                                                                                 \
      static_cast<void>(expr);                                                            \
    } catch (const Exception& spectrakit_error_) {                                        \
      spectrakit_thrown_ = true;                                                          \
      const std::string spectrakit_message_ = spectrakit_error_.what();                   \
      INFO("message: " << spectrakit_message_);                                           \
      CHECK(spectrakit_message_.find(text) != std::string::npos);                         \
    }                                                                                     \
    if (!spectrakit_thrown_) FAIL("expected " #Exception " from " #expr);                 \
  } while (0)

/// Requires spectrakit::invalid_input naming `text` (typically the argument).
#define SPECTRAKIT_REQUIRE_INVALID(expr, text) \
  SPECTRAKIT_REQUIRE_THROWS_CONTAINING(expr, spectrakit::invalid_input, text)

#endif  // SPECTRAKIT_TESTS_CATCH_HPP
