using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A registry injected as <c>Task&lt;IMcpService&gt;</c> or <c>ValueTask&lt;T&gt;</c> (lazy asynchronous initialisation),
    /// awaited on its way to the call: <c>(await _serviceTask).GetTools(ct)</c>, or through a no-input helper of the type
    /// that unwraps it (<c>private async Task&lt;IMcpService&gt; GetService() =&gt; await _serviceTask;</c>, also one that
    /// caches it in a field: <c>Interlocked.CompareExchange(ref _service, await _serviceTask, null); return _service;</c>).
    /// The awaited task gives the container's registry, as the registry injected directly does.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>Whether <paramref name="instance"/> (the receiver of a registry call) awaits an injected registry task.</summary>
        private bool IsAwaitedRegistryTask(IOperation instance)
        {
            if (!(instance is IAwaitOperation awaited) || AwaitedOperand(awaited) is not { } task)
            {
                return false;
            }

            return IsInjectedTask(task) || IsUnwrapHelperCall(task);
        }

        /// <summary>The task an <c>await</c> waits for, past conversions and <c>ConfigureAwait</c>.</summary>
        private static IOperation? AwaitedOperand(IAwaitOperation awaited)
        {
            var task = TypeIndex.Strip(awaited.Operation);
            if (task is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
            {
                task = TypeIndex.Strip(configured);
            }

            return task;
        }

        /// <summary>An injected parameter, or a field only ever assigned one, typed <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
        private bool IsInjectedTask(IOperation? task) =>
            task != null && IsTask(task.Type)
            && (task is IParameterReferenceOperation || task is IFieldReferenceOperation)
            && IsInjectedValue(task);

        /// <summary>
        /// <c>GetService()</c>: a method of this type (not virtual, no input but a cancellation token) every <c>return</c>
        /// of which gives an awaited injected task, directly or through locals and fields only ever given one.
        /// </summary>
        private bool IsUnwrapHelperCall(IOperation task)
        {
            if (!(task is IInvocationOperation call) || _project == null
                || call.TargetMethod is not { MethodKind: MethodKind.Ordinary, IsAbstract: false, IsVirtual: false, IsOverride: false } method
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, _index.Type?.OriginalDefinition)
                || !_project.IsInSource(method.OriginalDefinition) || !HasNoInput(call))
            {
                return false;
            }

            var values = _project.ReturnedValues(method.OriginalDefinition);
            if (values.Count == 0)
            {
                return false;
            }

            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var value in values)
            {
                if (!IsUnwrappedRegistry(value, seen))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>An awaited injected task, or a local or field whose every write is one (a cache of it).</summary>
        private bool IsUnwrappedRegistry(IOperation value, HashSet<ISymbol> seen)
        {
            switch (TypeIndex.Strip(value))
            {
                case IAwaitOperation awaited:
                    return IsInjectedTask(AwaitedOperand(awaited));
                case ILocalReferenceOperation local:
                    // Met again (a second `return _service;`, a cycle): its writes are checked where it was first met.
                    return !seen.Add(local.Local) || AllWritesUnwrap(_index.Writes.TryGetValue(local.Local, out var localWrites) ? localWrites : null, seen);
                case IFieldReferenceOperation field:
                    if (!seen.Add(field.Field))
                    {
                        return true;
                    }

                    if (_index.RefPublishedValues(field.Field) is not { } published)
                    {
                        return false;
                    }

                    var writes = new List<IOperation>(published);
                    if (_index.Writes.TryGetValue(field.Field, out var fieldWrites))
                    {
                        writes.AddRange(fieldWrites);
                    }

                    return AllWritesUnwrap(writes, seen);
                default:
                    return false;
            }
        }

        private bool AllWritesUnwrap(List<IOperation>? writes, HashSet<ISymbol> seen)
        {
            if (writes == null || writes.Count == 0)
            {
                return false;
            }

            foreach (var write in writes)
            {
                if (!IsUnwrappedRegistry(write, seen))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
