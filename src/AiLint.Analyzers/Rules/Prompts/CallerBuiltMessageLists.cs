using System.Linq;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Whether a message list handed to a posting helper (<see cref="HelperPostedBodies.FindList"/>) is the caller's own,
    /// built for that request, so that the system message the caller writes into it is what the helper sends (review72's
    /// NutritionAmbition: <c>var messages = new List&lt;object&gt; { new { role = "system", content = "You are ..." }, ... };
    /// return await GetChatResponseAsync(messages, 0.1f);</c>).
    /// </summary>
    /// <remarks>
    /// The list is written at the call (a collection initializer, an array, a collection expression) or is a local of the
    /// calling method created there once, whose every other use adds to it (<c>Add</c>, <c>Insert</c>, <c>AddRange</c>),
    /// reads a property of it (<c>messages.Count</c>) or hands it to the same helper. A list that is a field or a parameter
    /// (a history appended by several methods, or kept by the caller's caller), a local passed to any other method (which
    /// may rewrite it), stored elsewhere, returned, or written through an indexer is not the caller's alone, and its
    /// messages are not read: which of them is sent, and as what, is then decided elsewhere.
    /// </remarks>
    internal static class CallerBuiltMessageLists
    {
        public static bool IsBuiltForTheCall(IOperation argument, IMethodSymbol helper)
        {
            var value = OperationValues.Unwrap(argument);
            if (value is not ILocalReferenceOperation local)
            {
                return IsCreation(value);
            }

            if (OperationValues.LocalValue(local) is not { } created || !IsCreation(OperationValues.Unwrap(created)))
            {
                return false;
            }

            IOperation root = local;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            return root.Descendants().OfType<ILocalReferenceOperation>()
                .Where(reference => SymbolEqualityComparer.Default.Equals(reference.Local, local.Local))
                .All(reference => IsOwnUse(reference, helper));
        }

        /// <summary>A list the code creates where it is written: an object or array creation, or a collection expression.</summary>
        private static bool IsCreation(IOperation value) =>
            value is IObjectCreationOperation or IArrayCreationOperation || value.Syntax is CollectionExpressionSyntax;

        /// <summary>A use of the list local that neither rewrites it nor lets another method see it.</summary>
        private static bool IsOwnUse(ILocalReferenceOperation reference, IMethodSymbol helper)
        {
            IOperation use = reference;
            while (use.Parent is IConversionOperation or IParenthesizedOperation)
            {
                use = use.Parent;
            }

            switch (use.Parent)
            {
                case IInvocationOperation { TargetMethod.Name: "Add" or "Insert" or "AddRange" } add when add.Instance == use:
                    return true;
                case IPropertyReferenceOperation { Property.IsIndexer: false } property when property.Instance == use:
                    return property.Parent is not IAssignmentOperation assignment || assignment.Target != property;
                case IArgumentOperation { Parent: IInvocationOperation call }:
                    return SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, helper.OriginalDefinition);
                default:
                    return false;
            }
        }
    }
}
