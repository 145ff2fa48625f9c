using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AiLint.Generators.Pipeline
{
    /// <summary>
    /// A compilation paired with its <see cref="DeclarationKey"/>; the pipeline compares handles by key only
    /// (<see cref="KeyComparer"/>), so the extraction step downstream runs only when the declarations change.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Why the compilation is held weakly: when a new handle compares equal, Roslyn keeps the OLD one in its table
    /// (that is what makes the next step Cached). A strong reference would then root the first compilation of a
    /// long run of body edits, with all its bound trees and symbols, for as long as the declarations stay the same:
    /// in the IDE, for hours. The only readers are the extraction and SDK-flag steps, and they run when this handle
    /// was just produced by the current run (Modified or New), while the driver holds the current compilation
    /// strongly (its CompilationProvider table keeps it), so the target is alive whenever it is read.
    /// </para>
    /// <para>
    /// One case re-runs a step on a kept handle: when that step has no previous table (the generator threw in it
    /// last time, so Roslyn saved no table for it). For that case the comparer, on finding two handles equal, points
    /// the kept one at the newer compilation; any compilation with an equal key gives the same result, so this
    /// changes nothing but liveness. (Two runs forked from one driver state may race on that adoption; either
    /// compilation has the equal key, so either gives the same result.) If the target is gone anyway, reading it
    /// throws rather than emit stale output (Roslyn reports the generator error; the next run retries).
    /// </para>
    /// </remarks>
    internal sealed class CompilationHandle
    {
        private readonly WeakReference<Compilation> compilation;

        public CompilationHandle(Compilation compilation, DeclarationKey key)
        {
            this.compilation = new WeakReference<Compilation>(compilation);
            Key = key;
        }

        public DeclarationKey Key { get; }

        public Compilation Compilation => compilation.TryGetTarget(out var target)
            ? target
            : throw new InvalidOperationException("AiLint: the compilation of an unchanged declaration key was collected; the next generator run retries.");

        /// <summary>Equal when the keys are equal; the first argument (Roslyn passes the kept, previous item) adopts the second's compilation.</summary>
        public sealed class KeyComparer : IEqualityComparer<CompilationHandle>
        {
            public static readonly KeyComparer Instance = new();

            public bool Equals(CompilationHandle? x, CompilationHandle? y)
            {
                if (ReferenceEquals(x, y))
                {
                    return true;
                }

                if (x is null || y is null || !x.Key.Equals(y.Key))
                {
                    return false;
                }

                if (y.compilation.TryGetTarget(out var newer))
                {
                    x.compilation.SetTarget(newer);
                }
                else if (x.compilation.TryGetTarget(out var older))
                {
                    y.compilation.SetTarget(older);
                }

                return true;
            }

            public int GetHashCode(CompilationHandle obj) => obj.Key.GetHashCode();
        }
    }
}
