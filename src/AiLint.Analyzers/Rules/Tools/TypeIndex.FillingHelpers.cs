// TypeIndex: tool lists handed to a helper of the project that fills them (`RegisterTools(tools)`, `tools.AddWeatherTools()`),
// and what a method does to its own list parameter, so the evaluator can read the helper's adds at the call.
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    internal sealed partial class TypeIndex
    {
        /// <summary>
        /// Calls of a method declared in source that are handed a local's or field's tool list (or an options object's
        /// <c>Tools</c>) as a <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> or <c>ICollection&lt;T&gt;</c> parameter, with
        /// the argument that passes it. Kept apart from <see cref="Mutations"/>: most such calls only read the list (a
        /// method that sends it), and a list handed to one is still the list its declaration wrote.
        /// </summary>
        public Dictionary<IInvocationOperation, IArgumentOperation> HelperFillArguments { get; } = new Dictionary<IInvocationOperation, IArgumentOperation>();

        /// <summary>Those calls by the local or field whose list they are handed.</summary>
        public Dictionary<ISymbol, List<IInvocationOperation>> FillingCalls { get; } = new Dictionary<ISymbol, List<IInvocationOperation>>(SymbolEqualityComparer.Default);

        /// <summary><c>Add</c>, <c>AddRange</c>, <c>Insert</c>... on a tool-list parameter of a method (a filling helper's adds).</summary>
        public Dictionary<ISymbol, List<IInvocationOperation>> ParameterMutations { get; } = new Dictionary<ISymbol, List<IInvocationOperation>>(SymbolEqualityComparer.Default);

        /// <summary>
        /// Tool-list parameters handed on to a further filling helper (or the method itself, recursively): what they end up
        /// holding is not read.
        /// </summary>
        public HashSet<ISymbol> HandedOnParameters { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        /// <summary>A parameter through which a helper can add tools to the list it is given.</summary>
        internal bool IsListFillingParameter(IParameterSymbol? parameter) =>
            parameter is { RefKind: RefKind.None, Type: INamedTypeSymbol { IsGenericType: true } type }
            && (type.OriginalDefinition.SpecialType is SpecialType.System_Collections_Generic_IList_T or SpecialType.System_Collections_Generic_ICollection_T
                || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _symbols.ListOfT))
            && _symbols.IsToolCollection(type);

        private void NoteFillingHelperArgument(IArgumentOperation argument)
        {
            // Only methods of this compilation: a library method's body cannot be read, and was never followed.
            if (!(argument.Parent is IInvocationOperation call) || call.TargetMethod.DeclaringSyntaxReferences.Length == 0
                || !IsListFillingParameter(argument.Parameter))
            {
                return;
            }

            var value = Strip(argument.Value);
            if (value is IParameterReferenceOperation parameter)
            {
                HandedOnParameters.Add(parameter.Parameter.OriginalDefinition);
                return;
            }

            // One list per call: `Merge(tools, tools)` is read through its first argument only.
            if (HelperFillArguments.ContainsKey(call))
            {
                return;
            }

            if (value is IPropertyReferenceOperation property && _symbols.IsSinkProperty(property.Property))
            {
                // RegisterTools(options.Tools): OpenAI's get-only Tools filled by a helper.
                HelperFillArguments.Add(call, argument);
                GetSink(property).FillingCalls.Add(call);
            }
            else if (value is ILocalReferenceOperation || value is IFieldReferenceOperation)
            {
                HelperFillArguments.Add(call, argument);
                Add(FillingCalls, Holder(value)!, call);
            }
        }
    }
}
