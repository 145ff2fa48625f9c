using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The project helpers a body configuring <c>HttpStandardResilienceOptions</c> hands its options to, one level deep
    /// (Zonit/Zonit.Extensions.Ai: <c>.Configure((options, sp) =&gt; ConfigureResilience(options, settings))</c>, where
    /// <c>ConfigureResilience</c> sets <c>options.Retry.MaxRetryAttempts</c>, <c>options.AttemptTimeout.Timeout</c>...).
    /// A helper's body is then judged as if written in the configuring body.
    /// </summary>
    /// <remarks>
    /// Precision first: a helper is read only when it is given the options (or <c>options.Retry</c>) directly, as a
    /// parameter of exactly that type, and is readable (declared with one body in this project, not abstract, virtual or
    /// an interface member). It must itself only read or set properties of what it is given: a helper that hands them on
    /// again (a second helper, <c>section.Bind(options)</c>, a field, a local holding <c>options.Retry</c>) is unknown,
    /// and so is the whole configuration.
    /// </remarks>
    internal static class StandardOptionsHelpers
    {
        /// <summary>
        /// The bodies of the helpers <paramref name="body"/> hands <paramref name="options"/> or its <c>Retry</c> to,
        /// when every use of <paramref name="options"/> is a property read or write or such a hand-off; null when some
        /// use cannot be read (the options go elsewhere, or a helper does more than set properties of them).
        /// </summary>
        public static List<IOperation>? HelperBodies(IOperation body, IParameterSymbol options, Func<IMethodSymbol, IOperation?> readableBody)
        {
            var helpers = new List<IOperation>();
            foreach (var reference in body.Descendants().OfType<IParameterReferenceOperation>())
            {
                if (!SymbolEqualityComparer.Default.Equals(reference.Parameter, options))
                {
                    continue;
                }

                // `o.AttemptTimeout.Timeout = ...`, `o.Retry.MaxRetryAttempts = ...`: read like the lambda's own writes.
                IOperation handed = reference;
                if (reference.Parent is IPropertyReferenceOperation access)
                {
                    if (access.Property.Name != "Retry" || access.Parent is IPropertyReferenceOperation)
                    {
                        continue;
                    }

                    // `Tune(o.Retry)` hands the retry options on; anything else done with `o.Retry` (a local, a
                    // replacement, an extension call) is read by the caller's checks or left unknown below.
                    handed = access;
                }

                if (Helper(handed, readableBody) is not { } helper)
                {
                    return null;
                }

                helpers.Add(helper);
            }

            return helpers;
        }

        /// <summary>
        /// The body of the helper that <paramref name="handed"/> (the options or their retry options) is an argument
        /// of, when the helper's parameter has exactly the handed type and is only used to read or set properties.
        /// </summary>
        private static IOperation? Helper(IOperation handed, Func<IMethodSymbol, IOperation?> readableBody)
        {
            if (handed.Parent is not IArgumentOperation { ArgumentKind: ArgumentKind.Explicit, Parameter: { RefKind: RefKind.None } parameter, Parent: IInvocationOperation call }
                || handed.Type is null || !SymbolEqualityComparer.Default.Equals(parameter.Type, handed.Type)
                || readableBody(call.TargetMethod) is not { } helperBody)
            {
                return null;
            }

            // The whole options: the same test as a lambda's (`options.Retry` only read further). Their retry options:
            // every use a property access (`retry.MaxRetryAttempts = 3`, `retry.ShouldHandle = ...`).
            var received = parameter.OriginalDefinition;
            var onlyProperties = handed is IParameterReferenceOperation
                ? StandardResilienceOptionsConfigurations.OnlyReadsOrSetsProperties(helperBody, received)
                : helperBody.Descendants().OfType<IParameterReferenceOperation>()
                    .Where(r => SymbolEqualityComparer.Default.Equals(r.Parameter, received))
                    .All(r => r.Parent is IPropertyReferenceOperation);
            return onlyProperties ? helperBody : null;
        }
    }
}
