using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A helper of the project that runs a delegate and returns its result: a retry wrapper
    /// (<c>await RetryAsync(() =&gt; mcp.ListToolsAsync())</c>), a client-cache wrapper
    /// (<c>await provider.ExecuteWithClientRetryAsync((client, ct) =&gt; client.ListToolsAsync(cancellationToken: ct), ct)</c>).
    /// </summary>
    /// <remarks>
    /// The helper's returns are evaluated like a builder's, with the delegate parameter bound to what the lambda the
    /// caller passes returns: <c>return await operation(client, ct);</c> then holds the lambda's list, and a helper that
    /// hands the delegate on, wrapped, to another such helper (<c>(c, ct) =&gt; operation(c, ct).AsTask()</c>, the
    /// <c>ValueTask</c> overload of the same wrapper) is followed through that one. A helper that returns something else
    /// (a filtered list, a cached field) is read as that, like any builder's returns; one whose returns AiLint cannot read
    /// stays opaque. The lambda is read where the caller wrote it, so its own <c>Take</c> or allow-list bounds it.
    /// </remarks>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary><c>operation(client, ct)</c> inside a delegate helper being followed: what the caller's lambda returns.</summary>
        private CatalogContent? BoundDelegateResult(IInvocationOperation invocation)
        {
            if (_bindings == null || invocation.TargetMethod.MethodKind != MethodKind.DelegateInvoke
                || TypeIndex.Strip(invocation.Instance) is not IParameterReferenceOperation { Parameter: { } parameter })
            {
                return null;
            }

            return _bindings.TryGetValue(parameter.OriginalDefinition, out var bound) ? bound : null;
        }

        /// <summary>
        /// A source method of the project given one lambda (and any other inputs) whose result, a tool collection, is what
        /// its returns make of the lambda's result. Null when the call is not such a helper.
        /// </summary>
        private CatalogContent? FollowDelegateHelper(IInvocationOperation invocation, IOperation entry)
        {
            var method = invocation.TargetMethod;
            if (_project == null || _depth >= ProjectCatalogs.MaxDepth
                || method.IsAbstract || method.IsVirtual || method.IsOverride && !method.IsSealed
                || method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.LocalFunction
                || method.ContainingType == null
                || !_project.IsInSource(method.OriginalDefinition) || !IsHelperResult(UnwrapTask(invocation.Type))
                || DelegateArgument(invocation) is not { } passed)
            {
                return null;
            }

            var returned = LambdaResult(passed.Lambda, entry);
            if (returned == null)
            {
                return null;
            }

            var values = _project.ReturnedValues(method.OriginalDefinition);
            if (values.Count == 0)
            {
                return null;
            }

            var bindings = new Dictionary<IParameterSymbol, CatalogContent>(SymbolEqualityComparer.Default)
            {
                [passed.Parameter.OriginalDefinition] = returned,
            };
            var evaluator = new CatalogEvaluator(_symbols, _project.IndexOf(method.ContainingType), _cap, _project, _depth + 1, bindings);
            CatalogContent? result = null;
            foreach (var value in values)
            {
                var content = evaluator.Collection(value, value);
                result = result == null ? content : result.Or(content);
            }

            return RehomeOwnSources(result!, returned, entry, invocation.Syntax);
        }

        /// <summary>
        /// Like <see cref="Rehome"/>, except for the sources of the caller's own lambda: it is written in the argument, so
        /// its sources stay where they are, without a "through" note (also when a helper hands the lambda to another).
        /// </summary>
        private static CatalogContent RehomeOwnSources(CatalogContent content, CatalogContent lambda, IOperation entry, SyntaxNode via)
        {
            var suffix = $", through '{Describe(via)}'";
            var sources = new List<UnboundedSource>();
            foreach (var source in content.Unbounded)
            {
                var fromLambda = false;
                foreach (var passed in lambda.Unbounded)
                {
                    fromLambda |= ReferenceEquals(passed, source);
                }

                sources.Add(fromLambda || ReferenceEquals(source.Entry, entry) ? source : source.Through(suffix, entry, source.Fixable));
            }

            return content.WithUnboundedSources(sources.ToImmutableArray());
        }

        /// <summary>
        /// A tool collection; inside a generic helper being followed, also its type parameter (<c>return await
        /// ExecuteAsync(wrapped, ct)</c> in <c>Task&lt;T&gt; ExecuteAsync&lt;T&gt;</c>), whose tools are the bound lambda's.
        /// </summary>
        private bool IsHelperResult(ITypeSymbol? type) =>
            _symbols.IsToolCollection(type) || _bindings != null && type is ITypeParameterSymbol;

        /// <summary>The one argument that is a lambda (written there, or a local it was assigned to once), with its parameter.</summary>
        private (IParameterSymbol Parameter, IAnonymousFunctionOperation Lambda)? DelegateArgument(IInvocationOperation invocation)
        {
            (IParameterSymbol, IAnonymousFunctionOperation)? found = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is not { Type.TypeKind: TypeKind.Delegate } parameter || argument.ArgumentKind != ArgumentKind.Explicit)
                {
                    continue;
                }

                var value = TypeIndex.Strip(argument.Value);
                if (value is ILocalReferenceOperation local && _index.Writes.TryGetValue(local.Local, out var writes) && writes.Count == 1
                    && !_index.Mutations.ContainsKey(local.Local))
                {
                    value = TypeIndex.Strip(writes[0]);
                }

                if (found != null || value is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                {
                    return null;
                }

                found = (parameter, lambda);
            }

            return found;
        }

        /// <summary>What the lambda's own <c>return</c>s hand back (not those of lambdas inside it), read in this evaluator; null when it returns nothing.</summary>
        private CatalogContent? LambdaResult(IAnonymousFunctionOperation lambda, IOperation entry)
        {
            var values = new List<IOperation>();
            CollectLambdaReturns(lambda.Body, values);
            CatalogContent? result = null;
            foreach (var value in values)
            {
                var content = Collection(value, entry);
                result = result == null ? content : result.Or(content);
            }

            return result;
        }

        private static void CollectLambdaReturns(IOperation operation, List<IOperation> values)
        {
            foreach (var child in operation.ChildOperations)
            {
                if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                if (child is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } value })
                {
                    values.Add(value);
                    continue;
                }

                CollectLambdaReturns(child, values);
            }
        }
    }
}
