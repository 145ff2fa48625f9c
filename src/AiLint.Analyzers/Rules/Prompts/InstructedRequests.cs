using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Whether a single-turn request (<c>chat.GetResponseAsync(text, options)</c>, <c>kernel.InvokePromptAsync(text,
    /// arguments)</c>) carries its own instructions in another argument: <c>new ChatOptions { Instructions = Prompt }</c>,
    /// a local options object whose <c>Instructions</c> is set in the same method (in its initializer or by
    /// <c>options.Instructions = Prompt;</c>), or Semantic Kernel's <c>new KernelArguments(new
    /// OpenAIPromptExecutionSettings { ChatSystemPrompt = Prompt })</c>. Then the string is the user's message, not the
    /// whole conversation, and the single-turn test does not apply to it (review27 FP2: a sample notice sent for triage
    /// under eval-covered instructions). The instructions themselves are a slot of their own and stay judged as one.
    /// Options held in a field or passed in as a parameter are not read: the request is judged as before.
    /// </summary>
    internal static class InstructedRequests
    {
        public static bool CarriesInstructions(IInvocationOperation request, KnownPromptSymbols symbols)
        {
            var method = request.TargetMethod;
            IOperation? root = null;
            foreach (var argument in request.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit
                    || (method.IsExtensionMethod && argument.Parameter?.Ordinal == 0)
                    || argument.Value.Type?.SpecialType == SpecialType.System_String)
                {
                    continue;
                }

                foreach (var part in argument.Value.DescendantsAndSelf())
                {
                    if (IsInstructionsSet(part, symbols))
                    {
                        return true;
                    }

                    if (part is ILocalReferenceOperation local
                        && LocalGetsInstructions(local.Local, root ??= Root(request), symbols))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the method sets an instructions slot of <paramref name="local"/> (<c>options.Instructions = ...</c>)
        /// or puts in it an object created with one (<c>var options = new ChatOptions { Instructions = ... }</c>).
        /// </summary>
        private static bool LocalGetsInstructions(ILocalSymbol local, IOperation root, KnownPromptSymbols symbols)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                IOperation? stored = operation switch
                {
                    IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                        => declarator.Initializer?.Value,
                    ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                        when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
                    ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation owner } } assignment
                        when SymbolEqualityComparer.Default.Equals(owner.Local, local) && IsInstructionsSet(assignment, symbols) => assignment,
                    _ => null,
                };

                if (stored == null)
                {
                    continue;
                }

                foreach (var part in stored.DescendantsAndSelf())
                {
                    if (IsInstructionsSet(part, symbols))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>An assignment of something other than <c>null</c> to an instructions or system property of request options.</summary>
        private static bool IsInstructionsSet(IOperation operation, KnownPromptSymbols symbols) =>
            operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
            && symbols.IsSlotProperty(target.Property)
            && !(KnownPromptSymbols.Unwrap(assignment.Value).ConstantValue is { HasValue: true, Value: null });

        private static IOperation Root(IOperation operation)
        {
            while (operation.Parent != null)
            {
                operation = operation.Parent;
            }

            return operation;
        }
    }
}
