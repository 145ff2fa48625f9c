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
    /// Options held in a <c>readonly</c> field or get-only property are read from the one place that stores them
    /// (HeldSlotObjects), and options the project's own non-virtual helper returns (<c>GetResponseAsync(text,
    /// CreateOptions())</c>) from its one <c>return</c>; options passed in as a parameter, in a member written more than
    /// once, or from a virtual or interface helper are not read: the request is judged as before.
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

                    if (HeldMember(part) is { } member && HeldObjectGetsInstructions(member, request, symbols))
                    {
                        return true;
                    }

                    if (part is IInvocationOperation helper && HelperReturnsInstructions(helper, symbols, 0))
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
        private static bool LocalGetsInstructions(ILocalSymbol local, IOperation root, KnownPromptSymbols symbols, int depth = 0)
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
                    if (IsInstructionsSet(part, symbols)
                        || (part is IInvocationOperation helper && HelperReturnsInstructions(helper, symbols, depth)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Whether <paramref name="call"/> is the project's own non-virtual helper (the methods PromptFlow follows for
        /// returned text) whose one <c>return</c> is an object created with its instructions set (<c>static ChatOptions
        /// CreateOptions() => new() { Instructions = Persona };</c>) or a local of the helper that gets them (<c>var o =
        /// new ChatOptions(); o.Instructions = ...; return o;</c>), or the result of another such helper. A helper with
        /// more than one return, a virtual or interface one, or one in a referenced assembly is not known to.
        /// </summary>
        private static bool HelperReturnsInstructions(IInvocationOperation call, KnownPromptSymbols symbols, int depth)
        {
            if (depth >= PromptFlow.MaxDepth
                || call.Type is not { } type
                || !HoldsObject(type)
                || call.SemanticModel?.Compilation is not { } compilation
                || PromptFlow.ProjectMethodReturns(call.TargetMethod, compilation, System.Threading.CancellationToken.None) is not { Count: 1 } returns)
            {
                return false;
            }

            var returned = KnownPromptSymbols.Unwrap(returns[0]);
            switch (returned)
            {
                case IObjectCreationOperation creation when creation.Initializer != null:
                    foreach (var member in creation.Initializer.Initializers)
                    {
                        if (IsInstructionsSet(member, symbols))
                        {
                            return true;
                        }
                    }

                    return false;
                case ILocalReferenceOperation local:
                    return LocalGetsInstructions(local.Local, Root(returned), symbols, depth + 1);
                case IInvocationOperation inner:
                    return HelperReturnsInstructions(inner, symbols, depth + 1);
                default:
                    return false;
            }
        }

        /// <summary>
        /// The field or property of an object type an argument reads (<c>_options</c>, <c>this.Options</c>,
        /// <c>Defaults.Settings</c>); strings, numbers and the like carry no options and are not looked up.
        /// </summary>
        private static ISymbol? HeldMember(IOperation part) => part switch
        {
            IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation && HoldsObject(field.Field.Type) => field.Field,
            IPropertyReferenceOperation property when property.Instance is null or IInstanceReferenceOperation && HoldsObject(property.Property.Type) => property.Property,
            _ => null,
        };

        private static bool HoldsObject(ITypeSymbol type) => type.SpecialType == SpecialType.None && type.TypeKind == TypeKind.Class;

        /// <summary>
        /// Whether the one object ever stored in a <c>readonly</c> field or get-only property (HeldSlotObjects) is
        /// created with its instructions set: <c>private readonly ChatOptions _options = new() { Instructions = ... };</c>,
        /// or the same assigned once in the constructor. A member written in more than one place, or given a parameter
        /// or configuration, is not known to carry instructions.
        /// </summary>
        private static bool HeldObjectGetsInstructions(ISymbol member, IOperation request, KnownPromptSymbols symbols)
        {
            if (request.SemanticModel?.Compilation is not { } compilation
                || HeldSlotObjects.OnlyStore(member, compilation, System.Threading.CancellationToken.None) is not { } stored)
            {
                return false;
            }

            foreach (var part in stored.DescendantsAndSelf())
            {
                if (IsInstructionsSet(part, symbols))
                {
                    return true;
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
