#!/bin/sh
# Prints the swift build flags that compile MiniNN's own SIMD loops for this
# machine's vector unit: AVX2 + FMA (Haswell and later, every AMD Zen) on
# x86-64, nothing elsewhere (Swift's arm64 baseline already has NEON).
#
# OpenBLAS picks its kernels at run time, but Swift code is compiled for the
# x86-64 baseline (SSE2) unless told otherwise; loops such as Adam's update
# run twice as wide with AVX2 (mnist-mlp trains ~25% faster). The binary then
# needs such a CPU, which is fine for a program built where it runs.
# PORTABLE=1 turns this off.
[ "${PORTABLE:-0}" = 1 ] && exit 0
[ "$(uname -m)" = x86_64 ] || exit 0
[ -r /proc/cpuinfo ] || exit 0
flags=$(grep -m1 '^flags' /proc/cpuinfo)
for feature in avx2 fma bmi2 f16c movbe; do
    case " $flags " in *" $feature "*) ;; *) exit 0 ;; esac
done
echo "-Xswiftc -target-cpu -Xswiftc haswell"
