using System.Collections.Generic;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Keys a raw HTTP body dictionary gets after its creation (review73 ChapterONE): <c>var requestObj = new
    /// Dictionary&lt;string, object&gt; { ["contents"] = ... }; if (!string.IsNullOrEmpty(systemPrompt))
    /// requestObj["systemInstruction"] = new { parts = ... };</c> then the dictionary is serialized and posted. Read only
    /// when the dictionary is a local created once, never assigned again, whose only other use is the one place that
    /// hands it to the POST, written after every key: then each <c>local["key"] = value</c> before that use is a member of
    /// the body exactly as an initializer's <c>["key"] = value</c> is. A key that is not a constant, an <c>Add</c>/<c>Remove</c>,
    /// the dictionary passed to a helper, stored, captured in a lambda or posted twice: another writer may decide the
    /// body, so nothing set later is read.
    /// </summary>
    internal static class LaterSetBodyKeys
    {
        /// <summary>The keys set by indexer after the creation of <paramref name="body"/>; empty when it is not such a local.</summary>
        public static List<BodyMember> Of(BodyObject body)
        {
            var found = new List<BodyMember>();
            if (!(body.Creation is IObjectCreationOperation creation)
                || !IsStringKeyedDictionary(creation.Type)
                || DeclaredLocal(creation) is not { } local
                || Root(creation) is not { } root)
            {
                return found;
            }

            IOperation? handedOn = null;
            foreach (var operation in root.Descendants())
            {
                if (!(operation is ILocalReferenceOperation reference) || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                if (IsInsideLambda(reference, root))
                {
                    return new List<BodyMember>();
                }

                if (reference.Parent is IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                    && indexer.Parent is ISimpleAssignmentOperation assignment && assignment.Target == indexer)
                {
                    if (!(indexer.Arguments[0].Value.ConstantValue.Value is string key))
                    {
                        return new List<BodyMember>();
                    }

                    found.Add(new BodyMember(key, new BodyValue(assignment.Value), BodyMemberKind.Key));
                    continue;
                }

                // A read of one key (`requestObj["contents"]`) changes nothing; any other use hands the dictionary on.
                if (reference.Parent is IPropertyReferenceOperation { Property.IsIndexer: true } && !IsWritten(reference.Parent))
                {
                    continue;
                }

                var user = reference.Parent;
                while (user is IConversionOperation)
                {
                    user = user.Parent;
                }

                if (handedOn != null || !(user is IArgumentOperation))
                {
                    return new List<BodyMember>();
                }

                handedOn = reference;
            }

            // Every key must be set before the dictionary is handed to the POST (a key set afterwards is not sent).
            if (handedOn == null || found.Exists(member => member.Value.Operation!.Syntax.SpanStart > handedOn.Syntax.SpanStart))
            {
                return new List<BodyMember>();
            }

            return found;
        }

        /// <summary><c>Dictionary&lt;string, T&gt;</c>: keys are sent as spelled.</summary>
        private static bool IsStringKeyedDictionary(ITypeSymbol? type) =>
            type is INamedTypeSymbol { IsGenericType: true, Name: "Dictionary", TypeArguments.Length: 2 } dictionary
            && dictionary.TypeArguments[0].SpecialType == SpecialType.System_String
            && dictionary.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";

        /// <summary>The local whose declaration initializes with <paramref name="creation"/> (<c>var body = new ...</c>), or null.</summary>
        private static ILocalSymbol? DeclaredLocal(IOperation creation)
        {
            var parent = creation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } ? declarator.Symbol : null;
        }

        private static IOperation? Root(IOperation operation)
        {
            var current = operation;
            while (current.Parent != null)
            {
                current = current.Parent;
            }

            return current == operation ? null : current;
        }

        private static bool IsInsideLambda(IOperation operation, IOperation root)
        {
            for (var current = operation.Parent; current != null && current != root; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the indexer is assigned, compound-assigned, incremented or passed by ref.</summary>
        private static bool IsWritten(IOperation indexer) =>
            (indexer.Parent is IAssignmentOperation written && written.Target == indexer)
            || indexer.Parent is IIncrementOrDecrementOperation
            || indexer.Parent is IArgumentOperation;
    }
}
