using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Reads the members of a raw HTTP request body as the code builds it, in the shapes <see cref="LlmRequestEvidence"/>
    /// reads as an LLM request: an anonymous object, a DTO (initializer members by their <c>[JsonPropertyName]</c>/
    /// <c>[JsonProperty]</c> name or their own, constructor arguments by parameter name), a <c>Dictionary&lt;string,
    /// object&gt;</c> or <c>JsonObject</c> (<c>["role"] = ...</c>, <c>{ "role", ... }</c>), each possibly wrapped in
    /// <c>JsonSerializer.Serialize</c>/<c>JsonConvert.SerializeObject</c>, <c>JsonContent.Create</c> or
    /// <c>new StringContent(...)</c> (of a <c>JsonObject</c>'s <c>ToJsonString()</c>) and held in a local or field (<see cref="OperationValues.Trace"/>). Names are compared
    /// without case and underscores, so a member read as <c>system_instruction</c> is found spelled
    /// <c>SystemInstruction</c> under a snake-case or camel-case naming policy. JSON text is not read.
    /// </summary>
    internal static class RequestBodyMembers
    {
        private const int MaxDepth = 4;

        /// <summary>
        /// The object-building operation a body (or a member value) stands for: an anonymous or object creation that is not
        /// itself <c>HttpContent</c>; null for anything else (JSON text, a parameter, a factory's result).
        /// </summary>
        public static IOperation? ObjectOf(IOperation value, Compilation compilation, CancellationToken cancellationToken)
        {
            for (var depth = 0; depth <= MaxDepth; depth++)
            {
                var traced = OperationValues.Trace(value, compilation, cancellationToken);
                switch (traced)
                {
                    case IAnonymousObjectCreationOperation:
                        return traced;
                    case IObjectCreationOperation creation when LlmRequestEvidence.IsHttpContent(creation.Type):
                        // new StringContent(json, ...), JsonContent-like subclasses taking the value first.
                        if (creation.Arguments.Length == 0)
                        {
                            return null;
                        }

                        value = creation.Arguments[0].Value;
                        continue;
                    case IObjectCreationOperation:
                        return traced;
                    case IInvocationOperation invocation when LlmRequestEvidence.SerializedValue(invocation) is { } serialized:
                        // JsonSerializer.Serialize(x), JsonConvert.SerializeObject(x), JsonContent.Create(x).
                        value = serialized;
                        continue;
                    case IInvocationOperation { TargetMethod.Name: "ToJsonString", Instance: { } node }:
                        // new StringContent(body.ToJsonString()) of a JsonObject.
                        value = node;
                        continue;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// The value the object <paramref name="body"/> (from <see cref="ObjectOf"/>) gives its member <paramref name="name"/>
        /// where it is built, or null when it sets none.
        /// </summary>
        public static IOperation? Member(IOperation body, string name)
        {
            var wanted = Normalize(name);
            switch (body)
            {
                case IAnonymousObjectCreationOperation anonymous:
                    foreach (var assignment in anonymous.Initializers.OfType<ISimpleAssignmentOperation>())
                    {
                        if (assignment.Target is IPropertyReferenceOperation { Property: var property } && Normalize(property.Name) == wanted)
                        {
                            return assignment.Value;
                        }
                    }

                    return null;

                case IObjectCreationOperation creation:
                    if (creation.Initializer is { } initializer)
                    {
                        foreach (var element in initializer.Initializers)
                        {
                            switch (element)
                            {
                                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } set
                                    when indexer.Arguments[0].Value.ConstantValue.Value is string key && Normalize(key) == wanted:
                                    return set.Value;
                                case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Member: var member } } set
                                    when member is IPropertySymbol { IsIndexer: false } or IFieldSymbol
                                        && Normalize(LlmRequestEvidence.JsonName(member) ?? member.Name) == wanted:
                                    return set.Value;
                                case IInvocationOperation { Arguments.Length: 2 } add
                                    when add.Arguments[0].Value.ConstantValue.Value is string key && Normalize(key) == wanted:
                                    return add.Arguments[1].Value;
                            }
                        }
                    }

                    // new Message("system", prompt) with `record Message(string Role, string Content)` or a constructor of that shape.
                    foreach (var argument in creation.Arguments)
                    {
                        if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter is { } parameter && Normalize(parameter.Name) == wanted)
                        {
                            return argument.Value;
                        }
                    }

                    return null;

                default:
                    return null;
            }
        }

        /// <summary>
        /// The elements of a collection the code builds in view: an array (<c>new[] { ... }</c>), a collection
        /// initializer (<c>new List&lt;object&gt; { ... }</c>, <c>new JsonArray { ... }</c>), a collection expression, a
        /// <c>ToArray()</c>/<c>ToList()</c> of one of those, and the items the code adds to it: for a local, in its body
        /// (<c>messages.Add(new { role = "system", ... })</c>), for a field of the project, in any member of its type. Elements are returned as written (a local stays a local).
        /// </summary>
        public static List<IOperation> Elements(IOperation collection, Compilation compilation, CancellationToken cancellationToken)
        {
            var found = new List<IOperation>();
            AddElements(collection, compilation, found, 0, cancellationToken);
            return found;
        }

        private static void AddElements(IOperation collection, Compilation compilation, List<IOperation> found, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth)
            {
                return;
            }

            var unwrapped = OperationValues.Unwrap(collection);
            if (unwrapped is ILocalReferenceOperation local)
            {
                AddAddedItems(local, found);
            }
            else if (unwrapped is IFieldReferenceOperation { Field: var field })
            {
                AddFieldItems(field.OriginalDefinition, compilation, found, cancellationToken);
            }

            var traced = OperationValues.Trace(collection, compilation, cancellationToken);
            if (traced.Syntax is CollectionExpressionSyntax expression)
            {
                // ICollectionExpressionOperation is newer than the Roslyn this analyzer compiles against: read the syntax.
                foreach (var element in expression.Elements)
                {
                    if (element is ExpressionElementSyntax item && traced.SemanticModel?.GetOperation(item.Expression, cancellationToken) is { } operation)
                    {
                        found.Add(operation);
                    }
                }

                return;
            }

            switch (traced)
            {
                case IArrayCreationOperation { Initializer: { } array }:
                    found.AddRange(array.ElementValues);
                    return;

                case IObjectCreationOperation { Initializer: { } initializer }:
                    foreach (var element in initializer.Initializers)
                    {
                        if (element is IInvocationOperation { Arguments.Length: 1 } add)
                        {
                            found.Add(add.Arguments[0].Value);
                        }
                    }

                    return;

                case IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" } copy when OperationValues.Receiver(copy) is { } source:
                    AddElements(source, compilation, found, depth + 1, cancellationToken);
                    return;
            }
        }

        /// <summary><c>messages.Add(item)</c> and <c>messages.Insert(0, item)</c> on the local, anywhere in its body.</summary>
        private static void AddAddedItems(ILocalReferenceOperation local, List<IOperation> found)
        {
            IOperation top = local;
            while (top.Parent is { } parent)
            {
                top = parent;
            }

            foreach (var operation in top.Descendants())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "Add" or "Insert", Instance: { } instance, Arguments.Length: > 0 } add
                    && OperationValues.Unwrap(instance) is ILocalReferenceOperation target
                    && SymbolEqualityComparer.Default.Equals(target.Local, local.Local))
                {
                    found.Add(add.Arguments[add.Arguments.Length - 1].Value);
                }
            }
        }

        /// <summary>
        /// <c>_messages.Add(item)</c> on a field, in any member of the type declaring it: a chat class keeps its history in
        /// a field, adds the system message in its constructor and posts the list from another method.
        /// </summary>
        private static void AddFieldItems(IFieldSymbol field, Compilation compilation, List<IOperation> found, CancellationToken cancellationToken)
        {
            if (!SymbolEqualityComparer.Default.Equals(field.ContainingAssembly, compilation.Assembly))
            {
                return;
            }

            foreach (var part in field.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var call in part.GetSyntax(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" or "Insert" } access
                        || !(access.Expression is IdentifierNameSyntax name && name.Identifier.ValueText == field.Name
                            || access.Expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member && member.Name.Identifier.ValueText == field.Name)
                        || call.SyntaxTree is not { } tree || !compilation.ContainsSyntaxTree(tree))
                    {
                        continue;
                    }

                    if (SourceBodies.GetOperation(call, compilation, cancellationToken) is IInvocationOperation { Instance: { } instance, Arguments.Length: > 0 } add
                        && OperationValues.Unwrap(instance) is IFieldReferenceOperation target
                        && SymbolEqualityComparer.Default.Equals(target.Field.OriginalDefinition, field))
                    {
                        found.Add(add.Arguments[add.Arguments.Length - 1].Value);
                    }
                }
            }
        }

        private static string Normalize(string name) => name.Replace("_", string.Empty).ToLowerInvariant();
    }
}
