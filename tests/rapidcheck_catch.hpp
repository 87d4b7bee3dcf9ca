// RapidCheck properties inside Catch2 test cases (v2 or v3): check_property() runs one property
// on a number of cases of its own and, when it fails, fails the enclosing TEST_CASE (which goes
// on with its other properties) with RapidCheck's report: the shrunk counterexample, the
// assertion that failed, and the seed to rerun it with.
//
// Not rapidcheck/catch.h (the package's own integration): that header includes
// <catch2/catch.hpp>, which Catch2 v3 no longer has, puts each property in a SECTION and runs
// every property on the same global number of cases.
#ifndef SPECTRAKIT_TESTS_RAPIDCHECK_CATCH_HPP
#define SPECTRAKIT_TESTS_RAPIDCHECK_CATCH_HPP

#include <rapidcheck.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>

#include "spectrakit_catch.hpp"

namespace spectrakit_test {

/// RapidCheck's configuration with the suite's seed rule: RC_PARAMS as given when it names a
/// seed, else with seed=SPECTRAKIT_RC_SEED, or seed=16 (RapidCheck on its own draws a random
/// seed per run; the suite's rule is a fixed seed, printed on failure). Read once, before
/// RapidCheck loads it (and prints "Using configuration: ...").
inline const rc::detail::Configuration& property_configuration() {
  static const bool once = [] {
    const char* given = std::getenv("RC_PARAMS");
    std::string params = given != nullptr ? given : "";
    if (params.find("seed=") == std::string::npos) {
      const char* seed = std::getenv("SPECTRAKIT_RC_SEED");
      params += std::string(params.empty() ? "" : " ") + "seed=" + (seed != nullptr ? seed : "16");
      setenv("RC_PARAMS", params.c_str(), 1);
    }
    return true;
  }();
  static_cast<void>(once);
  return rc::detail::configuration();
}

/// Checks `property`, a callable without arguments that draws its inputs with `*generator` and
/// checks them with RC_ASSERT, on `cases` cases (scaled by max_success/100 of RC_PARAMS, whose
/// default is 100). RC_PARAMS="reproduce=..." (printed by RapidCheck at exit after a failure)
/// replays the failing case alone; `name` is the property's id there, so it must be unique.
/// Not a template: RapidCheck's property machinery is compiled once, for std::function.
inline void check_property(const std::string& name, int cases, const std::function<void()>& property) {
  rc::detail::TestParams params = property_configuration().testParams;
  params.maxSuccess = std::max(1, static_cast<int>(static_cast<long long>(cases) * params.maxSuccess / 100));
  rc::detail::TestMetadata metadata;
  metadata.id = name;
  metadata.description = name;
  const rc::detail::TestResult result = rc::detail::checkTestable(property, metadata, params);
  std::ostringstream report;
  rc::detail::printResultMessage(result, report);
  if (result.is<rc::detail::SuccessResult>()) {
    SUCCEED(name);
    return;
  }
  FAIL_CHECK("property '" << name << "' failed (seed " << params.seed << ", " << params.maxSuccess
                          << " cases; rerun with RC_PARAMS=\"seed=" << params.seed << "\" or SPECTRAKIT_RC_SEED="
                          << params.seed << "):\n"
                          << report.str());
}

}  // namespace spectrakit_test

#endif  // SPECTRAKIT_TESTS_RAPIDCHECK_CATCH_HPP
