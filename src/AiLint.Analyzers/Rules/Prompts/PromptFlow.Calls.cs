// PromptFlow: values followed across the project's calls: a parameter or settable property to what its callers pass, a project method to what it returns.
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    internal sealed partial class PromptFlow
    {
        /// <summary>The prompt behind a parameter or settable property: what its call sites pass, or what is assigned to it.</summary>
        /// <param name="parameter">The parameter or property.</param>
        /// <param name="callSites">The project's call sites and assignments.</param>
        /// <param name="results">Receives the prompts found.</param>
        /// <param name="cancellationToken">Cancels the walk.</param>
        /// <param name="reached">When given, receives every holder walked through (each carries the prompt towards a slot).</param>
        public void ResolveHolder(ISymbol parameter, CallSiteIndex callSites, List<PromptOrigin> results, CancellationToken cancellationToken, ISet<ISymbol>? reached = null)
        {
            var visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var pending = new Queue<(ISymbol Holder, int Depth)>();
            pending.Enqueue((parameter, 0));
            var found = new List<PromptOrigin>();
            while (pending.Count > 0)
            {
                var (current, depth) = pending.Dequeue();
                if (!visited.Add(current) || depth >= MaxDepth)
                {
                    continue;
                }

                reached?.Add(current);

                // A holder next to a role (`Add(string role, string content)`) carries turns of every role, like a property.
                var carriesTurns = current is IPropertySymbol
                    || (current is IParameterSymbol backing && propertyBacked.ContainsKey(backing))
                    || TurnRoles.HasRoleSibling(current);
                foreach (var argument in callSites.Get(current, cancellationToken))
                {
                    // `new StoredMessage { Role = "user", Content = "Summarize this email: ..." }`, `session.Add("user",
                    // ...)`: a user or assistant turn written next to its role is the conversation, not the app's
                    // prompt, however much it reads like an instruction. A holder named for instructions
                    // (`SystemPrompt`, `Instructions`) holds them whatever role sits beside it.
                    if (!TurnRoles.NamesInstructions(current.Name) && TurnRoles.Of(argument) == TurnRole.ConversationTurn)
                    {
                        continue;
                    }

                    // A constant passed in a connectivity probe through a plain wrapper (WrapperProbes) is not a prompt.
                    if (wrapperProbes.IsPassedToProbe(argument, cancellationToken))
                    {
                        continue;
                    }

                    found.Clear();
                    Resolve(argument, followParameters: true, depth + 1, found, cancellationToken);
                    foreach (var origin in found)
                    {
                        if (origin.Holder != null)
                        {
                            pending.Enqueue((origin.Holder, depth + 1));
                        }
                        else if (carriesTurns
                            && (IsWrittenAt(origin.Declaration!, argument) || origin.Declaration!.IsUnnamed)
                            && !DataTemplate.Instructs(origin.Declaration!.Text))
                        {
                            // A property also carries chat turns of every role in apps that store the conversation
                            // (`new StoredMessage { Content = "Hi there!" }` with the role set elsewhere, `new
                            // Turn(role, "Hi there!")`): text written into one is a prompt only when it instructs. So is
                            // text the argument is followed to without a name of its own: a helper that reads a
                            // message's text and falls back to a display placeholder (`m.Content.FirstOrDefault()?.Text
                            // ?? "[No Text]"` saved as the stored turn's text, review30 F2) writes no prompt. A named
                            // constant assigned there keeps its standing.
                            continue;
                        }
                        else
                        {
                            results.Add(origin);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The values a method of this compilation returns, when it is one whose body decides them: an ordinary
        /// non-virtual method or local function returning <c>string</c> (not abstract, virtual, an override, an
        /// interface member or an iterator). Returns inside its lambdas and local functions are theirs, not its.
        /// </summary>
        private List<IOperation>? ReturnedValues(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            return method.ReturnType.SpecialType == SpecialType.System_String ? ProjectMethodReturns(method, compilation, cancellationToken) : null;
        }

        /// <summary>
        /// The values an ordinary non-virtual method or local function of this compilation returns (not abstract,
        /// virtual, an override, extern or an interface member: another body may run), or null. Strings here; request
        /// options a helper builds in <see cref="InstructedRequests"/>.
        /// </summary>
        internal static List<IOperation>? ProjectMethodReturns(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (!IsProjectMethod(method, compilation))
            {
                return null;
            }

            var values = SourceBodies.ReturnedValues(method, compilation, cancellationToken);
            return values.Count > 0 ? values : null;
        }

        /// <summary>An ordinary non-virtual method or local function with a body in this compilation: its returns decide its value.</summary>
        private static bool IsProjectMethod(IMethodSymbol method, Compilation compilation) =>
            !(method.IsAbstract || method.IsVirtual || method.IsOverride || method.IsExtern)
            && method.ContainingType?.TypeKind != TypeKind.Interface
            && (method.MethodKind == MethodKind.Ordinary || method.MethodKind == MethodKind.LocalFunction)
            && SourceBodies.IsInSource(method, compilation);

        /// <summary>
        /// A call of a project method returning <c>string</c> whose returns are followed (<see cref="ReturnedValues"/>),
        /// or an awaited call of such an async <c>Task&lt;string&gt;</c> method (<see cref="AwaitedTextMethods"/>), or a
        /// parameterless abstract, virtual or interface one whose bodies are read (<see cref="ImplementedMethodPrompts"/>).
        /// </summary>
        private bool IsProjectStringMethodCall(IOperation? operation) =>
            (operation is IInvocationOperation invocation
                && invocation.TargetMethod.OriginalDefinition is { ReturnType: { SpecialType: SpecialType.System_String } } method
                && (IsProjectMethod(method, compilation) || implementedMethods.IsFollowed(invocation)))
            || (awaitedText.AwaitedCall(operation) is { } awaited && IsProjectMethod(awaited.TargetMethod.OriginalDefinition, compilation));

        /// <summary>Parameters of the project's own methods (not lambdas: their callers are not calls in source).</summary>
        internal bool IsFollowable(IParameterSymbol parameter) =>
            parameter.RefKind == RefKind.None
            && parameter.ContainingSymbol is IMethodSymbol method
            && (method.MethodKind == MethodKind.Ordinary || method.MethodKind == MethodKind.Constructor || method.MethodKind == MethodKind.LocalFunction)
            && SourceBodies.IsInSource(method, compilation);
    }
}
