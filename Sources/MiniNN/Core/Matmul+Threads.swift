import COpenBLAS

extension Matmul {
    /// How many threads OpenBLAS runs one product on now: its default is the
    /// cores (or `OPENBLAS_NUM_THREADS`), and ``BatchParallel`` lowers it to 1
    /// only inside its workers. Benchmarks record it beside their figures.
    public static var blasThreadCount: Int { Int(openblas_get_num_threads()) }
}
