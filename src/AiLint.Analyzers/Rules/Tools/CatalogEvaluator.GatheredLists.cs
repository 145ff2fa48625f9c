using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Lists of tool lists and the copy of one list with <c>List&lt;T&gt;.ForEach</c>, the shape of review80 repro-1
    /// (shinyorg/aiconversation <c>AiConversationService.ProcessMessage</c>):
    /// <code>
    /// var context = contextProviders.Select(x =&gt; (x.GetSystemPrompts(), x.GetTools())).ToList();
    /// foreach (var cp in context) cp.Item2.ToList().ForEach(x =&gt; options.Tools.Add(x));
    /// </code>
    /// The loop's variable (or its tuple element) is what the <c>Select</c> returned for one item, and a
    /// <c>ForEach</c> whose lambda does nothing but add its element copies the list it runs on, as a <c>foreach</c> does.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>
        /// <c>cp</c> or <c>cp.Item2</c> (or a named element) in a <c>foreach (var cp in gathered)</c> where
        /// <c>gathered</c> is a <c>Select</c> of tool lists, inline or in a local written once: the selected list.
        /// Null for anything else.
        /// </summary>
        private CatalogContent? GatheredListElement(IOperation reference, IOperation entry)
        {
            IFieldSymbol? tupleField = null;
            if (reference is IFieldReferenceOperation { Field: { ContainingType.IsTupleType: true } field, Instance: { } tuple })
            {
                tupleField = field;
                reference = TypeIndex.Strip(tuple)!;
            }

            if (reference is not ILocalReferenceOperation local || DeclaringForEach(local) is not { } loop
                || SelectorResult(loop.Collection) is not { } selected)
            {
                return null;
            }

            if (tupleField != null)
            {
                if (selected is not ITupleOperation literal || TupleElementIndex(tupleField) is not int index || index >= literal.Elements.Length)
                {
                    return null;
                }

                selected = literal.Elements[index];
            }

            return _symbols.IsToolCollection(selected.Type) ? Collection(selected, entry) : null;
        }

        /// <summary>The position of a tuple field (<c>Item2</c>, or the element named <c>Tools</c>) in its tuple.</summary>
        private static int? TupleElementIndex(IFieldSymbol field)
        {
            var elements = field.ContainingType.TupleElements;
            var target = field.CorrespondingTupleField ?? field;
            for (var i = 0; i < elements.Length; i++)
            {
                if (SymbolEqualityComparer.Default.Equals(elements[i].CorrespondingTupleField ?? elements[i], target))
                {
                    return i;
                }
            }

            return null;
        }

        /// <summary>
        /// What the lambda of <c>source.Select(x =&gt; ...)</c> returns, behind <c>ToList()</c>/<c>ToArray()</c> and a
        /// local written once and never changed; null for anything else.
        /// </summary>
        private IOperation? SelectorResult(IOperation? collection)
        {
            collection = TypeIndex.Strip(collection);
            if (collection is ILocalReferenceOperation held && !_index.Mutations.ContainsKey(held.Local)
                && _index.Writes.TryGetValue(held.Local, out var writes) && writes.Count == 1)
            {
                collection = TypeIndex.Strip(writes[0]);
            }

            while (collection is IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray", Arguments.Length: 1 } materialised
                && SymbolEqualityComparer.Default.Equals(materialised.TargetMethod.ContainingType, _symbols.Enumerable))
            {
                collection = TypeIndex.Strip(materialised.Arguments[0].Value);
            }

            return collection is IInvocationOperation { TargetMethod.Name: "Select", Arguments.Length: 2 } select
                && SymbolEqualityComparer.Default.Equals(select.TargetMethod.ContainingType, _symbols.Enumerable)
                && TypeIndex.Strip(select.Arguments[1].Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.Parameters.Length: 1 } selector }
                ? TypeIndex.Strip(ReturnedValue(selector.Body))
                : null;
        }

        /// <summary>The <c>foreach</c> whose own variable <paramref name="local"/> is (not a deconstruction, not a local of its body).</summary>
        private static IForEachLoopOperation? DeclaringForEach(ILocalReferenceOperation local)
        {
            for (var current = local.Parent; current != null; current = current.Parent)
            {
                if (current is IForEachLoopOperation loop && loop.Locals.Contains(local.Local, SymbolEqualityComparer.Default))
                {
                    return loop.LoopControlVariable is IVariableDeclaratorOperation declarator
                        && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local)
                        ? loop
                        : null;
                }
            }

            return null;
        }

        /// <summary>
        /// <c>list.ForEach(x =&gt; options.Tools.Add(x))</c>: an <c>Add</c> that is the whole body of a
        /// <c>List&lt;T&gt;.ForEach</c> lambda and reads its element copies the list (entering the catalog where the
        /// list is written). Null when the Add is not such (an <c>if</c> around it selects, as in a foreach).
        /// </summary>
        internal CatalogContent? ForEachCopy(IInvocationOperation add, IOperation value)
        {
            if (add.Parent is not IExpressionStatementOperation statement || statement.Parent is not IBlockOperation body
                || body.Parent is not IAnonymousFunctionOperation { Symbol.Parameters.Length: 1 } lambda)
            {
                return null;
            }

            foreach (var operation in body.Operations)
            {
                if (operation != statement && !(operation is IReturnOperation { ReturnedValue: null, IsImplicit: true }))
                {
                    return null;
                }
            }

            if (ArgumentOfLambda(lambda) is not { Parent: IInvocationOperation { TargetMethod.Name: "ForEach", Instance: { } list } forEach }
                || !SymbolEqualityComparer.Default.Equals(forEach.TargetMethod.ContainingType?.OriginalDefinition, _symbols.ListOfT)
                || !ReadsParameter(value, lambda.Symbol.Parameters[0]))
            {
                return null;
            }

            return Collection(list, TypeIndex.Strip(list)!);
        }

        /// <summary>The argument a lambda is passed as, past its delegate creation and conversions; null when it is not an argument.</summary>
        private static IArgumentOperation? ArgumentOfLambda(IAnonymousFunctionOperation lambda)
        {
            var user = lambda.Parent;
            while (user is IDelegateCreationOperation || user is IConversionOperation)
            {
                user = user.Parent;
            }

            return user as IArgumentOperation;
        }

        private static bool ReadsParameter(IOperation value, IParameterSymbol parameter)
        {
            foreach (var descendant in value.DescendantsAndSelf())
            {
                if (descendant is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
