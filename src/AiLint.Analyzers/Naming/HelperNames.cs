using System;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Naming
{
    /// <summary>
    /// How messages name a project helper (AIL0101/AIL0102 chains, AIL0001-AIL0004 retry helpers): as users see it in their code, <c>LlmTelemetry.TrackCall</c>,
    /// and the chain to the sink it reaches, <c>LlmTelemetry.TrackCall → Activity.SetStartTime</c>.
    /// </summary>
    internal static class HelperNames
    {
        private const string Arrow = " → ";

        // TypeKind.Extension (a C# 14 `extension(Activity a) { ... }` block) is 14 from Roslyn 4.14 on; the analyzer is
        // built against Roslyn 4.8, whose enum does not name it, and runs in compilers that produce it.
        private const TypeKind ExtensionBlock = (TypeKind)14;

        /// <summary>
        /// <c>Type.Method</c>, or the bare name of a local function. A member of an extension block is named after the
        /// static class that declares the block (<c>ActivityExt.Mark</c>, like a classic extension method): the block
        /// itself is an unnamed type, so its own name would give <c>.Mark</c>.
        /// </summary>
        public static string Of(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.LocalFunction || method.ContainingType is not { } type)
            {
                return method.Name;
            }

            while ((type.TypeKind == ExtensionBlock || type.Name.Length == 0) && type.ContainingType is { } declaring)
            {
                type = declaring;
            }

            return type.Name + "." + method.Name;
        }

        /// <summary>
        /// <paramref name="helper"/> followed by the sink at the end of <paramref name="reached"/>: the inner helpers of a
        /// chain are left out (<c>Outer.Track</c> + <c>Inner.Stamp → Activity.SetEndTime</c> gives <c>Outer.Track → Activity.SetEndTime</c>).
        /// </summary>
        public static string Through(string helper, string reached)
        {
            var arrow = reached.IndexOf(Arrow, StringComparison.Ordinal);
            return helper + Arrow + (arrow >= 0 ? reached.Substring(arrow + Arrow.Length) : reached);
        }
    }
}
