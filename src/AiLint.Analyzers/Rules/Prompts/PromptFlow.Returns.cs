using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>A project method's returns followed at one call: its own parameters are that call's arguments.</summary>
    internal sealed partial class PromptFlow
    {
        /// <summary>
        /// What a project method returns at this call. A return that is (or is built from) the method's own parameter
        /// (<c>UpdateXMLTags(prompt, true)</c> returning <c>prompt</c>, <c>Sanitize(text) =&gt; text.Replace(...)</c>) gives
        /// the argument of THIS call, followed like a value at the slot; the helper's other callers (the user turn given
        /// to the same helper, review86 FP) do not reach this slot. A parameter with no argument here (half-typed code)
        /// gives nothing. With <paramref name="implementation"/>, the returns are that sole implementation's of the called
        /// interface or abstract method, whose parameters stand for the contract's at the same positions.
        /// </summary>
        private void ResolveReturned(IInvocationOperation call, List<IOperation> returnedValues, bool followParameters, int depth, List<PromptOrigin> results, CancellationToken cancellationToken, bool singleTurn, IMethodSymbol? implementation = null)
        {
            var fromReturns = new List<PromptOrigin>();
            ResolveAlternatives(returnedValues, followParameters, depth, returned: true, fromReturns, cancellationToken, singleTurn);
            var method = call.TargetMethod.OriginalDefinition;
            var body = implementation ?? method;
            foreach (var origin in fromReturns)
            {
                if (!(origin.Holder is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, body)))
                {
                    results.Add(origin);
                    continue;
                }

                // The called method's parameter at the same position: the parameter itself for a project method, the
                // contract's for the sole implementation of an interface or abstract method (PromptFlow.SoleImplementation).
                if (parameter.Ordinal >= method.Parameters.Length)
                {
                    continue;
                }

                var called = method.Parameters[parameter.Ordinal];
                foreach (var argument in call.Arguments)
                {
                    if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, called))
                    {
                        Resolve(argument.Value, followParameters, depth, results, cancellationToken, singleTurn);
                    }
                }
            }
        }

        /// <summary>
        /// Whether a returned template instructs: the single-turn test (a persona or a keyword sentence) in English, and
        /// in another language the test the same template passes written at the slot (<see cref="DataTemplate.Instructs"/>:
        /// a prompt unless its lines only title their data), since the single-turn test's word lists are English. Before,
        /// a Turkish persona (<c>$"Sen {Name}, {Personality}. Kısa cevaplar ver."</c>) was a prompt at <c>System =</c> but
        /// not returned by <c>BuildSystemPrompt()</c> and assigned there.
        /// </summary>
        private static bool ReturnedTemplateInstructs(string? text) =>
            SingleTurnPrompt.Qualifies(text)
            || (!string.IsNullOrWhiteSpace(text) && !DataTemplate.LooksEnglish(text!) && DataTemplate.Instructs(text));
    }
}
