using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The string arguments the compilation passes to its own methods, recorded while each document is analysed, so a
    /// prompt handed down to the method that builds the system message can be followed back to its call sites at
    /// compilation end.
    /// </summary>
    internal sealed class CallSiteIndex
    {
        /// <summary>Per parameter, the arguments passed to it; per settable property, the values assigned to it.</summary>
        private readonly ConcurrentDictionary<ISymbol, ConcurrentBag<IOperation>> arguments = new(SymbolEqualityComparer.Default);
        private readonly IAssemblySymbol assembly;

        public CallSiteIndex(IAssemblySymbol assembly)
        {
            this.assembly = assembly;
        }

        /// <summary>Records the explicit string arguments of a call to (or construction through) a method of this compilation.</summary>
        public void Record(IOperation operation)
        {
            // `new AgentConfig { Instructions = "..." }`, `options.SystemPrompt = Prompt;`: text the project writes into
            // its own settable string property.
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { IsIndexer: false } property } } assignment
                && property.Type.SpecialType == SpecialType.System_String
                && SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, assembly)
                && (CanCarryPrompt(assignment.Value) || ReturnsFromThisCompilation(assignment.Value)))
            {
                arguments.GetOrAdd(property.OriginalDefinition, _ => new ConcurrentBag<IOperation>()).Add(assignment.Value);
                return;
            }

            var (method, args) = operation switch
            {
                IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                IObjectCreationOperation creation when creation.Constructor != null => (creation.Constructor, creation.Arguments),
                _ => (null, default),
            };

            if (method == null || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, assembly))
            {
                return;
            }

            foreach (var argument in args)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit
                    && argument.Parameter is { } parameter
                    && parameter.Type.SpecialType == SpecialType.System_String
                    && (CanCarryPrompt(argument.Value) || ReturnsFromThisCompilation(argument.Value)))
                {
                    arguments.GetOrAdd(parameter.OriginalDefinition, _ => new ConcurrentBag<IOperation>()).Add(argument.Value);
                }
            }
        }

        /// <summary>
        /// Only the shapes <see cref="PromptFlow"/> follows are kept (most string arguments are method results or
        /// object members that cannot carry a prompt), so the index holds few operations in a large compilation.
        /// </summary>
        private static bool CanCarryPrompt(IOperation value)
        {
            value = KnownPromptSymbols.Unwrap(value);
            return value.ConstantValue.HasValue
                || value is IFieldReferenceOperation
                || value is IPropertyReferenceOperation
                || value is ILocalReferenceOperation
                || value is IParameterReferenceOperation
                || value is IInterpolatedStringOperation
                || value is IConditionalOperation
                || value is ICoalesceOperation
                || value is IBinaryOperation
                || (value is IInvocationOperation invocation
                    && (invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String
                        // sb.ToString(): PromptFlow decides whether the builder has one text (AssembledText).
                        || (invocation.TargetMethod.Name == "ToString" && invocation.Instance?.Type?.Name == "StringBuilder")));
        }

        /// <summary><c>Send(BuildSystemPrompt())</c>: PromptFlow follows what the project's own method returns.</summary>
        private bool ReturnsFromThisCompilation(IOperation value) =>
            KnownPromptSymbols.Unwrap(value) is IInvocationOperation invocation
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingAssembly, assembly);

        public IEnumerable<IOperation> Get(ISymbol holder) =>
            arguments.TryGetValue(holder, out var found) ? found : (IEnumerable<IOperation>)System.Array.Empty<IOperation>();
    }
}
