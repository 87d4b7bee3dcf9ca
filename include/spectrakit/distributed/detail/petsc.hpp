/// @file distributed/detail/petsc.hpp
/// @brief Internals of the distributed module: PETSc error codes as exceptions, collective
/// agreement on an error, owning handles of PETSc objects, block row distributions.
#ifndef SPECTRAKIT_DISTRIBUTED_DETAIL_PETSC_HPP
#define SPECTRAKIT_DISTRIBUTED_DETAIL_PETSC_HPP

#include <mpi.h>
#include <petscmat.h>
#include <slepceps.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "spectrakit/error.hpp"

namespace spectrakit {
namespace distributed {

static_assert(std::is_same<PetscScalar, double>::value,
              "spectrakit::distributed needs a real double-precision PETSc (Debian: petsc-dev, the -real build)");

/// @brief Thrown when PETSc or SLEPc returns an error code; the message is PETSc's own
/// (the first message of the error, as PETSc would have printed it) and the call that failed.
class petsc_error : public std::runtime_error {
 public:
  /// @brief Creates the exception.
  /// @param message what failed and PETSc's message
  /// @param code PETSc's error code
  petsc_error(const std::string& message, PetscErrorCode code) : std::runtime_error(message), code_(code) {}
  /// @brief PETSc's error code.
  [[nodiscard]] PetscErrorCode code() const noexcept { return code_; }

 private:
  PetscErrorCode code_;
};

namespace detail {

/// The first message of the PETSc error being raised (PETSC_ERROR_INITIAL), kept by our handler.
inline std::string& petsc_last_message() {
  static thread_local std::string message;
  return message;
}

inline PetscErrorCode petsc_recording_handler(MPI_Comm, int line, const char* func, const char* file, PetscErrorCode n,
                                              PetscErrorType p, const char* mess, void*) {
  if (p == PETSC_ERROR_INITIAL) {
    std::string m = mess ? mess : "";
    m += std::string(" (in ") + (func ? func : "?") + " at " + (file ? file : "?") + ":" + std::to_string(line) + ")";
    petsc_last_message() = m;
  }
  return n;
}

/// Turns a PETSc error code into petsc_error carrying PETSc's message.
inline void check(PetscErrorCode code, const char* call) {
  if (code == 0) return;
  std::string text = petsc_last_message();
  if (text.empty()) {
    const char* generic = nullptr;
    PetscErrorMessage(code, &generic, nullptr);
    text = generic ? generic : "unknown PETSc error";
  }
  petsc_last_message().clear();
  throw petsc_error(std::string("spectrakit::distributed: ") + call + " failed: " + text, code);
}

inline void require_initialized(const char* function) {
  PetscBool petsc = PETSC_FALSE, slepc = PETSC_FALSE;
  PetscInitialized(&petsc);
  SlepcInitialized(&slepc);
  if (!petsc || !slepc)
    throw invalid_input(std::string("spectrakit::distributed::") + function +
                        ": SLEPc is not initialized (create a spectrakit::distributed::Environment first)");
}

/// What went wrong on this rank, before the ranks agree.
struct LocalError {
  int kind = 0;  ///< 0 none, 1 invalid_input, 2 io_error, 3 petsc_error, 4 other
  std::string message;
  void set(int k, const std::string& m) {
    if (kind == 0) {
      kind = k;
      message = m;
    }
  }
};

/// Collective: every rank learns whether some rank failed; if so every rank throws the error of
/// the lowest failing rank (its kind and message). No rank is left waiting: all call this.
inline void agree(MPI_Comm comm, const LocalError& e) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  int mine = e.kind != 0 ? rank : std::numeric_limits<int>::max();
  int first = 0;
  MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, comm);
  if (first == std::numeric_limits<int>::max()) return;
  int header[2] = {e.kind, static_cast<int>(e.message.size())};
  MPI_Bcast(header, 2, MPI_INT, first, comm);
  std::string text(static_cast<std::size_t>(header[1]), '\0');
  if (rank == first) text = e.message;
  if (header[1] > 0) MPI_Bcast(&text[0], header[1], MPI_CHAR, first, comm);
  if (rank != first) text += " (reported by rank " + std::to_string(first) + ")";
  switch (header[0]) {
    case 1:
      throw invalid_input(text);
    case 2:
      throw io_error(text);
    case 3:
      throw petsc_error(text, PETSC_ERR_LIB);
    default:
      throw std::runtime_error(text);
  }
}

/// Runs `body` on this rank, catching what it throws, then agrees collectively (see agree()).
template <typename Body>
void collectively(MPI_Comm comm, Body&& body) {
  LocalError e;
  try {
    body();
  } catch (const invalid_input& x) {
    e.set(1, x.what());
  } catch (const io_error& x) {
    e.set(2, x.what());
  } catch (const petsc_error& x) {
    e.set(3, x.what());
  } catch (const std::exception& x) {
    e.set(4, x.what());
  }
  agree(comm, e);
}

[[noreturn]] inline void fail(const char* function, const char* argument, const std::string& problem) {
  throw invalid_input(std::string("spectrakit::distributed::") + function + ": argument '" + argument + "' " + problem);
}

/// Owning handle of a PETSc object (Mat, Vec, IS, VecScatter, EPS): destroyed once, movable.
template <typename Handle, PetscErrorCode (*Destroy)(Handle*)>
class Owned {
 public:
  Owned() = default;
  explicit Owned(Handle h) : h_(h) {}
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  Owned(Owned&& o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
  Owned& operator=(Owned&& o) noexcept {
    if (this != &o) {
      reset();
      h_ = std::exchange(o.h_, nullptr);
    }
    return *this;
  }
  ~Owned() { reset(); }
  void reset() noexcept {
    if (h_) Destroy(&h_);
    h_ = nullptr;
  }
  Handle get() const noexcept { return h_; }
  Handle* out() noexcept {
    reset();
    return &h_;
  }
  Handle release() noexcept { return std::exchange(h_, nullptr); }
  explicit operator bool() const noexcept { return h_ != nullptr; }

 private:
  Handle h_ = nullptr;
};

using OwnedMat = Owned<Mat, MatDestroy>;
using OwnedVec = Owned<Vec, VecDestroy>;
using OwnedIS = Owned<IS, ISDestroy>;
using OwnedScatter = Owned<VecScatter, VecScatterDestroy>;
using OwnedEPS = Owned<EPS, EPSDestroy>;

/// Calls visit(i, count, columns, values) for each row i in [first, last) of this rank's rows
/// of a (global indices; columns ascending), between MatGetRow and MatRestoreRow.
template <typename Visit>
void for_each_row(Mat a, PetscInt first, PetscInt last, Visit&& visit) {
  for (PetscInt i = first; i < last; ++i) {
    PetscInt nc = 0;
    const PetscInt* c = nullptr;
    const PetscScalar* v = nullptr;
    check(MatGetRow(a, i, &nc, &c, &v), "MatGetRow");
    visit(i, nc, c, v);
    check(MatRestoreRow(a, i, &nc, &c, &v), "MatRestoreRow");
  }
}

inline int comm_size(MPI_Comm comm) {
  int p = 1;
  MPI_Comm_size(comm, &p);
  return p;
}
inline int comm_rank(MPI_Comm comm) {
  int r = 0;
  MPI_Comm_rank(comm, &r);
  return r;
}

/// First row of `rank` in the balanced block distribution of n rows over p ranks
/// (PETSC_DECIDE's: the first n mod p ranks get one row more).
inline std::int64_t block_begin(std::int64_t n, int p, int rank) {
  const std::int64_t q = n / p, r = n % p;
  return rank * q + std::min<std::int64_t>(rank, r);
}

/// The rank owning global row i of the balanced block distribution.
inline int block_owner(std::int64_t n, int p, std::int64_t i) {
  const std::int64_t q = n / p, r = n % p;
  if (i < r * (q + 1)) return static_cast<int>(i / (q + 1));
  return static_cast<int>(r + (i - r * (q + 1)) / q);
}

/// Inserts a string of PETSc options ("-eps_type krylovschur -st_type sinvert") into PETSc's
/// global options database for the lifetime of the guard, then restores what was there (the
/// options of the command line stay; the string's own options do not leak into later calls).
class ScopedOptions {
 public:
  explicit ScopedOptions(const std::string& text) {
    if (text.empty()) return;
    PetscOptions tmp = nullptr;
    check(PetscOptionsCreate(&tmp), "PetscOptionsCreate");
    PetscInt count = 0;
    char** names = nullptr;
    char** values = nullptr;
    PetscErrorCode code = PetscOptionsInsertString(tmp, text.c_str());
    if (code == 0) code = PetscOptionsLeftGet(tmp, &count, &names, &values);
    if (code == 0) {
      for (PetscInt k = 0; k < count; ++k) {
        Saved s;
        s.name = std::string("-") + names[k];
        s.value = values[k] ? values[k] : "";
        s.has_value = values[k] != nullptr;
        const char* previous = nullptr;
        PetscBool set = PETSC_FALSE;
        PetscOptionsFindPair(nullptr, nullptr, s.name.c_str(), &previous, &set);
        s.was_set = set == PETSC_TRUE;
        s.previous = previous ? previous : "";
        s.previous_has_value = previous != nullptr;
        saved_.push_back(s);
      }
      PetscOptionsLeftRestore(tmp, &count, &names, &values);
    }
    PetscOptionsDestroy(&tmp);
    check(code, "PetscOptionsInsertString (SolverOptions::petsc_options)");
    for (const Saved& s : saved_)
      check(PetscOptionsSetValue(nullptr, s.name.c_str(), s.has_value ? s.value.c_str() : nullptr), "PetscOptionsSetValue");
  }
  ScopedOptions(const ScopedOptions&) = delete;
  ScopedOptions& operator=(const ScopedOptions&) = delete;
  ~ScopedOptions() {
    for (const Saved& s : saved_) {
      if (s.was_set)
        PetscOptionsSetValue(nullptr, s.name.c_str(), s.previous_has_value ? s.previous.c_str() : nullptr);
      else
        PetscOptionsClearValue(nullptr, s.name.c_str());
    }
  }

 private:
  struct Saved {
    std::string name, value, previous;
    bool has_value = false, was_set = false, previous_has_value = false;
  };
  std::vector<Saved> saved_;
};

/// A reproducible pseudo-random value in [-1, 1] for (seed, global index): the same start
/// vector whatever the number of ranks (splitmix64).
inline double hashed_uniform(std::uint64_t seed, std::uint64_t index) {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (index + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return double(z >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

}  // namespace detail

/// @brief Initializes MPI, PETSc and SLEPc for the lifetime of the object (SlepcInitialize /
/// SlepcFinalize), and installs the handler that turns PETSc errors into petsc_error messages.
///
/// Create one in main() before any distributed object, and let every DistributedGraph die
/// before it. When MPI is already initialized (e.g. by the caller), it is left initialized.
class Environment {
 public:
  /// @brief Initializes; argc/argv reach PETSc's options database (-eps_*, -st_*, -log_view).
  /// @param argc main's argc (may be null)
  /// @param argv main's argv (may be null)
  /// @throws petsc_error when SlepcInitialize fails
  explicit Environment(int* argc = nullptr, char*** argv = nullptr) {
    detail::check(SlepcInitialize(argc, argv, nullptr, nullptr), "SlepcInitialize");
    detail::check(PetscPushErrorHandler(detail::petsc_recording_handler, nullptr), "PetscPushErrorHandler");
  }
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;
  ~Environment() {
    PetscPopErrorHandler();
    SlepcFinalize();
  }
};

}  // namespace distributed
}  // namespace spectrakit

#endif  // SPECTRAKIT_DISTRIBUTED_DETAIL_PETSC_HPP
