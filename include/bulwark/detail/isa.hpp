// SPDX-License-Identifier: MIT
/// \file
/// \brief Private: the x86 instruction-set extensions of the processor a program runs on,
/// for kernels compiled a second time for them (`[[gnu::target]]`) and chosen at run time:
/// the Cholesky's product kernels (AVX2 + FMA) and the validator's screens (AVX2).
///
/// `BULWARK_DETAIL_ISA_DISPATCH` is 1 on x86-64 with GCC or Clang, but not under clang-cl,
/// where `__builtin_cpu_supports` needs a runtime library that is not linked by default,
/// nor on 32-bit x86, whose default x87 arithmetic the AVX2 copies would not share.
#pragma once

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && !defined(_MSC_VER)
#define BULWARK_DETAIL_ISA_DISPATCH 1
#else
#define BULWARK_DETAIL_ISA_DISPATCH 0
#endif

namespace bulwark::detail {

/// Extensions a kernel may be compiled for.
struct isa_extensions {
  bool avx2 = false;
  bool fma = false;
};

/// The processor's extensions, queried once; none where `BULWARK_DETAIL_ISA_DISPATCH` is 0.
[[nodiscard]] inline isa_extensions processor_extensions() noexcept {
#if BULWARK_DETAIL_ISA_DISPATCH
  static const isa_extensions found = [] {
    __builtin_cpu_init();  // needed when the first call runs among static constructors
    return isa_extensions{__builtin_cpu_supports("avx2") != 0, __builtin_cpu_supports("fma") != 0};
  }();
  return found;
#else
  return {};
#endif
}

}  // namespace bulwark::detail
