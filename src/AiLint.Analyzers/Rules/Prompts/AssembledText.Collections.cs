using System.Collections.Generic;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary><c>string.Join</c> / <c>string.Concat</c> over collections written in source, and list locals filled by Add statements.</summary>
    internal sealed partial class AssembledText
    {
        /// <summary><c>string.Join(separator, elements)</c> / <c>string.Concat(elements)</c> over elements written in source; false when they are not.</summary>
        private bool AddJoinOrConcat(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod;
            var isJoin = method.Name == "Join";
            string? separator = null;
            var elements = new List<IOperation?>();
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (isJoin && argument.Parameter?.Ordinal == 0)
                {
                    var value = KnownPromptSymbols.Unwrap(argument.Value);
                    separator = value.ConstantValue.Value is string s ? s
                        : value.ConstantValue.Value is char c ? c.ToString()
                        : value is IPropertyReferenceOperation property && IsNewLine(property) ? LineBreak
                        : null;
                    if (separator == null)
                    {
                        return false;
                    }

                    continue;
                }

                var parameterType = argument.Parameter?.Type;
                if (parameterType?.SpecialType == SpecialType.System_String)
                {
                    elements.Add(argument.Value);
                }
                else if (argument.ArgumentKind == ArgumentKind.ParamArray || argument.Parameter?.IsParams == true
                    || parameterType is IArrayTypeSymbol || parameterType?.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                    || parameterType?.Name == "ReadOnlySpan")
                {
                    if (!Elements(argument.Value, depth, elements))
                    {
                        return false;
                    }
                }
                else
                {
                    // Join(separator, value, startIndex, count) and other overloads: not a plain list of pieces.
                    return false;
                }
            }

            if (isJoin && separator == null)
            {
                return false;
            }

            for (var i = 0; i < elements.Count; i++)
            {
                if (i > 0 && isJoin)
                {
                    parts.Add(new AssembledPart(AssembledPartKind.Text, separator, invocation, null));
                }

                if (elements[i] is not { } element)
                {
                    parts.Add(new AssembledPart(AssembledPartKind.Hole, VaryingText, null, null));
                }
                else if (!Add(element, depth))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The string elements of a collection written in source: an array, a collection expression or a list initializer, directly or through a local or read-only member.</summary>
        private bool Elements(IOperation collection, int depth, List<IOperation?> elements)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            collection = KnownPromptSymbols.Unwrap(collection);
            switch (collection)
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    elements.AddRange(initializer.ElementValues);
                    return true;
                case IArrayInitializerOperation initializer:
                    // `static readonly string[] Rules = { ... };`: the field's initializer is the bare array initializer.
                    elements.AddRange(initializer.ElementValues);
                    return true;
                case { Syntax: CollectionExpressionSyntax expression, SemanticModel: { } model }:
                    // A collection expression `["...", "..."]` (read through syntax: the analyzer builds against an older Roslyn).
                    foreach (var element in expression.Elements)
                    {
                        if (!(element is ExpressionElementSyntax item) || !(model.GetOperation(item.Expression, cancellationToken) is { } value))
                        {
                            return false;
                        }

                        elements.Add(value);
                    }

                    return true;
                case IObjectCreationOperation { Initializer: IObjectOrCollectionInitializerOperation initializer } creation
                    when creation.Arguments.IsEmpty || (creation.Arguments.Length == 1 && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32):
                    foreach (var element in initializer.Initializers)
                    {
                        if (element is IInvocationOperation { TargetMethod: { Name: "Add" }, Arguments: { Length: 1 } } add)
                        {
                            elements.Add(add.Arguments[0].Value);
                        }
                        else
                        {
                            return false;
                        }
                    }

                    return true;
                case ILocalReferenceOperation local when depth < MaxDepth:
                    // A collection local read only here is its initializer; one added to in the block before this read
                    // is its initializer and those adds (ListLocalElements).
                    return SingleUseInitializer(local.Local, requireSingleUse: true) is { } initializer2
                        ? Elements(initializer2, depth + 1, elements)
                        : ListLocalElements(local, depth, elements);
                // A read-only field or property initializer holds one shared collection that other code may add to:
                // only arrays are taken from there. A property that builds its list on each read (`=> new List<string>
                // { ... }`) is that list.
                case IFieldReferenceOperation field when depth < MaxDepth && field.Field.IsReadOnly && field.Field.Type is IArrayTypeSymbol:
                    return MemberValue(field.Field) is { } fieldValue && Elements(fieldValue, depth + 1, elements);
                case IPropertyReferenceOperation property when depth < MaxDepth && property.Property.IsReadOnly && property.Arguments.IsEmpty
                    && (property.Property.Type is IArrayTypeSymbol || BuildsOnEachRead(property.Property)):
                    return MemberValue(property.Property) is { } propertyValue && Elements(propertyValue, depth + 1, elements);
                default:
                    return false;
            }
        }

        /// <summary>
        /// A list local declared in a block and read at <paramref name="use"/> further down the same block: its
        /// initializer's elements, then each <c>list.Add(x);</c> statement's element in order. Adds under a condition,
        /// in a loop or through a helper are a varying hole (a null element); a statement that removes, inserts,
        /// reorders or replaces elements leaves no text.
        /// </summary>
        private bool ListLocalElements(ILocalReferenceOperation use, int depth, List<IOperation?> elements)
        {
            var local = use.Local;
            if (FindLocalBeforeUse(local, use.Syntax, cancellationToken) is not { } span)
            {
                return false;
            }

            var statements = span.Statements;
            var model = SourceBodies.GetSemanticModel(compilation, span.Initializer.SyntaxTree);
            if (!(model.GetOperation(span.Initializer, cancellationToken) is { } initial)
                || !(IsEmptyList(initial) || Elements(initial, depth + 1, elements)))
            {
                return false;
            }

            for (var i = span.Start + 1; i < span.End; i++)
            {
                var statement = statements[i];
                var references = CountReferences(statement, local.Name);
                if (references == 0)
                {
                    continue;
                }

                if (statement.ContainsDiagnostics || EditsList(statement, local.Name))
                {
                    return false;
                }

                if (references == 1
                    && statement is ExpressionStatementSyntax expression
                    && model.GetOperation(expression.Expression, cancellationToken) is IInvocationOperation { TargetMethod: { Name: "Add" }, Arguments: { Length: 1 } } add
                    && add.Instance is ILocalReferenceOperation target
                    && SymbolEqualityComparer.Default.Equals(target.Local, local))
                {
                    elements.Add(add.Arguments[0].Value);
                    continue;
                }

                elements.Add(null);
            }

            return true;
        }

        /// <summary><c>new List&lt;string&gt;()</c> (or with a capacity): filled by the Add statements that follow.</summary>
        private static bool IsEmptyList(IOperation value) =>
            KnownPromptSymbols.Unwrap(value) is IObjectCreationOperation { Initializer: null } creation
            && (creation.Arguments.IsEmpty || (creation.Arguments.Length == 1 && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32));

        private static readonly HashSet<string> ListEditingMembers = new HashSet<string>
        {
            "Clear", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "Reverse", "Sort",
        };

        /// <summary>Whether the statement removes, inserts, reorders or replaces elements of the list named <paramref name="name"/>.</summary>
        private static bool EditsList(StatementSyntax statement, string name)
        {
            foreach (var node in statement.DescendantNodes())
            {
                if (!(node is IdentifierNameSyntax id) || id.Identifier.ValueText != name)
                {
                    continue;
                }

                var parent = id.Parent;
                if (PromptFlow.IsReassigned(id)
                    || (parent is ElementAccessExpressionSyntax element && element.Parent is AssignmentExpressionSyntax set && set.Left == element)
                    || (parent is MemberAccessExpressionSyntax access && access.Expression == id && ListEditingMembers.Contains(access.Name.Identifier.ValueText)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
