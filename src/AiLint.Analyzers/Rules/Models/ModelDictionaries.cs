using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// A feature-to-model table kept in a dictionary (<c>static readonly Dictionary&lt;string, string&gt; Models = new()
    /// { ["chat"] = "gpt-4.1", ["summarize"] = "gpt-3.5-turbo-0613" }</c>) whose values a model slot reads:
    /// <c>GetChatClient(Models[feature])</c>, or <c>Models.TryGetValue(feature, out var model)</c> then
    /// <c>GetChatClient(model)</c>. Each constant value is an id the app sends for some feature, like the arms of a switch;
    /// with a constant key only that key's value. The dictionary must be fixed: a <c>readonly</c> field written once, a
    /// get-only auto-property's initializer, or a local written once, with no element written elsewhere in its type or
    /// member; its entries written in the creation's initializer (<c>["k"] = "v"</c> or <c>{ "k", "v" }</c>), possibly
    /// through <c>ToFrozenDictionary()</c>/<c>ToImmutableDictionary()</c>. A dictionary the code only displays or logs
    /// never reaches a slot, so it is never read here. A loop over its pairs reads every value (<see cref="ModelDictionaryLoops"/>).
    /// </summary>
    internal static class ModelDictionaries
    {
        /// <summary>The value operations of the dictionary entries <paramref name="value"/> may read; empty when it reads no fixed dictionary.</summary>
        public static List<IOperation> ValuesRead(IOperation value, CancellationToken cancellationToken)
        {
            var values = new List<IOperation>();
            if (value.SemanticModel?.Compilation is not { } compilation)
            {
                return values;
            }

            // Models[feature] or TryGetValue reads the key's entry; a loop over the pairs reads every entry (no key).
            var unwrapped = ModelIdValue.Unwrap(value);
            var (dictionary, key, tupleElement) = Lookup(unwrapped, compilation, cancellationToken) is { } lookup
                ? (lookup.Dictionary, lookup.Key.ConstantValue, (int?)null)
                : ModelDictionaryLoops.Read(unwrapped, compilation, cancellationToken) is { } loop
                    ? (loop.Dictionary, default(Optional<object?>), loop.Element)
                    : (null, default, null);
            if (dictionary?.Type is not INamedTypeSymbol
                || Creation(ModelIdValue.Unwrap(dictionary), compilation, cancellationToken) is not { } creation
                || creation.Initializer is not { } initializer)
            {
                return values;
            }

            var ignoreCase = creation.Arguments.Length > 0;
            var entries = new List<(Optional<object?> Key, IOperation Value)>();
            foreach (var element in initializer.Initializers)
            {
                switch (element)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment:
                        entries.Add((indexer.Arguments[0].Value.ConstantValue, assignment.Value));
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } add:
                        entries.Add((add.Arguments[0].Value.ConstantValue, add.Arguments[1].Value));
                        break;
                    default:
                        // An entry written some other way: which values the table holds is not known.
                        return values;
                }
            }

            if (key.HasValue && entries.All(entry => entry.Key.HasValue))
            {
                // Models["summarize"]: only that entry (none when the key is missing: the read throws or finds nothing).
                values.AddRange(entries.Where(entry => SameKey(entry.Key.Value, key.Value, ignoreCase)).Select(entry => entry.Value));
            }
            else
            {
                values.AddRange(entries.Select(entry => entry.Value));
            }

            if (tupleElement is { } position)
            {
                // var (modelId, provider) = pair.Value: that element of each entry's tuple literal; an entry written
                // some other way gives nothing.
                return values
                    .Select(entry => ModelIdValue.Unwrap(entry) is ITupleOperation tuple && position < tuple.Elements.Length ? tuple.Elements[position] : null)
                    .OfType<IOperation>()
                    .ToList();
            }

            return values;
        }

        private static bool SameKey(object? entry, object? key, bool ignoreCase) =>
            entry is string a && key is string b ? string.Equals(a, b, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) : Equals(entry, key);

        // Models[feature] (a string indexer), or a local filled by Models.TryGetValue(feature, out var model).
        private static (IOperation Dictionary, IOperation Key)? Lookup(IOperation value, Compilation compilation, CancellationToken cancellationToken)
        {
            switch (value)
            {
                case IPropertyReferenceOperation { Property: { IsIndexer: true, Type.SpecialType: SpecialType.System_String }, Instance: { } instance, Arguments.Length: 1 } indexer:
                    return (instance, indexer.Arguments[0].Value);
                case ILocalReferenceOperation { Local: { Type.SpecialType: SpecialType.System_String, DeclaringSyntaxReferences.Length: 1 } local }
                        when local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is SingleVariableDesignationSyntax
                        {
                            Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } },
                        } designation
                        && !Rewritten(local, designation, cancellationToken):
                    return SourceBodies.GetSemanticModel(compilation, call.SyntaxTree).GetOperation(call, cancellationToken) is IInvocationOperation
                    {
                        TargetMethod.Name: "TryGetValue", Instance: { } dictionary, Arguments.Length: 2,
                    } tryGet
                        ? (dictionary, tryGet.Arguments[0].Value)
                        : null;
                default:
                    return null;
            }
        }

        // The out variable written again in its member (`model ??= "gpt-4o"`, `model = Fallback(model)`).
        internal static bool Rewritten(ILocalSymbol local, SyntaxNode designation, CancellationToken cancellationToken)
        {
            var scope = designation.Ancestors().FirstOrDefault(node => node is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? designation.SyntaxTree.GetRoot(cancellationToken);
            return scope.DescendantNodes().OfType<IdentifierNameSyntax>().Any(identifier => identifier.Identifier.ValueText == local.Name && ModelIdValue.IsWritten(identifier));
        }

        // The creation that fills a fixed dictionary holder, through ToFrozenDictionary()/ToImmutableDictionary().
        private static IObjectCreationOperation? Creation(IOperation holder, Compilation compilation, CancellationToken cancellationToken)
        {
            IOperation? written = holder switch
            {
                IFieldReferenceOperation { Field: { IsReadOnly: true } field } when !ElementWritten(field, cancellationToken) => Single(WrittenValues.Of(field, compilation, cancellationToken)),
                IPropertyReferenceOperation { Property: { IsIndexer: false } property } when !ElementWritten(property, cancellationToken) => Single(ClonedOptions.FixedWrites(property, compilation, cancellationToken)),
                ILocalReferenceOperation { Local: var local } when !ElementWritten(local, cancellationToken)
                    && ModelIdValue.NeverReassignedInitializer(local, cancellationToken) is { } initializer =>
                    SourceBodies.GetSemanticModel(compilation, initializer.SyntaxTree).GetOperation(initializer, cancellationToken),
                _ => null,
            };

            for (var depth = 0; written != null && depth < 3; depth++)
            {
                switch (ModelIdValue.Unwrap(written))
                {
                    case IObjectCreationOperation creation:
                        return creation;
                    case IInvocationOperation { TargetMethod.Name: "ToFrozenDictionary" or "ToImmutableDictionary" or "AsReadOnly" or "ToDictionary" } copy
                            when copy.Arguments.Length <= 2:
                        written = copy.Instance ?? (copy.TargetMethod.IsExtensionMethod && copy.Arguments.Length > 0 ? copy.Arguments[0].Value : null);
                        if (copy.TargetMethod.IsExtensionMethod && copy.Arguments.Length > 1 && copy.Arguments[1].ArgumentKind == ArgumentKind.Explicit
                            && copy.Arguments[1].Value.Type?.Name != "IEqualityComparer")
                        {
                            // ToDictionary(x => ..., x => ...) projects: its values are not the entries.
                            return null;
                        }

                        break;
                    default:
                        return null;
                }
            }

            return null;
        }

        private static IOperation? Single(IEnumerable<IOperation> writes)
        {
            IOperation? only = null;
            foreach (var write in writes)
            {
                if (only != null)
                {
                    return null;
                }

                only = write;
            }

            return only;
        }

        // `Models["x"] = "..."` or `Models.Add(...)`/`TryAdd`/`Remove` anywhere in the holder's type (or member, for a local).
        private static bool ElementWritten(ISymbol holder, CancellationToken cancellationToken)
        {
            var scopes = holder is ILocalSymbol
                ? holder.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken).Ancestors()
                    .FirstOrDefault(node => node is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? reference.SyntaxTree.GetRoot(cancellationToken))
                : holder.ContainingType.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken));
            foreach (var scope in scopes)
            {
                foreach (var node in scope.DescendantNodes())
                {
                    switch (node)
                    {
                        case AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax element } when Names(element.Expression, holder.Name):
                            return true;
                        case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" or "TryAdd" or "Remove" or "Clear" } access }
                                when Names(access.Expression, holder.Name):
                            return true;
                    }
                }
            }

            return false;
        }

        private static bool Names(ExpressionSyntax expression, string name) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == name,
            _ => false,
        };
    }
}
