import Dispatch
import Foundation

/// Runs independent, pure evaluations on every core.
enum ParallelEvaluation {
    /// `transform` applied to every element, results in the elements' order, computed on
    /// up to `workers` threads. `transform` must be safe to call from several threads at once.
    static func map<Element, Result>(
        _ elements: [Element], workers: Int = PartitionedReplay.defaultWorkers, _ transform: (Element) -> Result
    ) -> [Result] {
        let threads = min(max(1, workers), elements.count)
        guard threads > 1 else { return elements.map(transform) }
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: elements.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize().deallocate() }
        withoutActuallyEscaping(transform) { transform in
            let shared = ThreadShared(value: (elements: elements, results: results, transform: transform))
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                let (elements, results, transform) = shared.value
                var index = thread
                while index < elements.count {
                    results[index] = transform(elements[index])
                    index += threads
                }
            }
        }
        return results.map { $0! }
    }
}

/// A value handed to the threads of `DispatchQueue.concurrentPerform`. Only for values each
/// thread reads, or writes only in the part that thread owns (its own slot of a buffer), so
/// that no two threads touch the same memory while one of them writes it.
struct ThreadShared<Value>: @unchecked Sendable {
    let value: Value
}
