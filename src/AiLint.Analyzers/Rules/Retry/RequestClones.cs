using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Project methods that copy an <c>HttpRequestMessage</c> (review 61, staffinity <c>CloneRequestAsync</c>): .NET refuses
    /// to send one request message twice, so a retry that re-sends a request clones it on every attempt. A copy is the same
    /// request each time it is made from the same original, so a loop that sends <c>await CloneAsync(request, ct)</c> re-sends
    /// <c>request</c>.
    /// </summary>
    /// <remarks>
    /// Read conservatively; anything not shown counts against a copy. The method is static, a local function, or a
    /// non-virtual method of its object; takes the original <c>HttpRequestMessage</c> and otherwise only cancellation
    /// tokens; returns an <c>HttpRequestMessage</c> (or a task of one) that it creates as
    /// <c>new HttpRequestMessage(original.Method, original.RequestUri)</c> (or with <c>Method</c> and <c>RequestUri</c> set
    /// from the original in its initializer). Its body reads no field but constants and <c>static readonly</c> ones, no
    /// other parameter, calls only .NET code that reads no clock, random number, GUID, file or network (reading the
    /// original's content, <c>ReadAsByteArrayAsync</c> and the like, buffers it and reads the same bytes each time) and
    /// read-only project methods, awaits only such calls, and writes only objects it creates (the copy, its content and
    /// headers). So a copy that stamps a fresh id, takes an attempt number or rewrites the body is not one.
    /// </remarks>
    internal static class RequestClones
    {
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, bool>> Cache = new();

        /// <summary>Types whose members read the clock, chance or the machine (also their static properties).</summary>
        private static readonly HashSet<string> UnsteadyTypes = new(System.StringComparer.Ordinal)
        {
            "System.Random", "System.Guid", "System.Environment", "System.TimeProvider", "System.Diagnostics.Stopwatch",
            "System.DateTime", "System.DateTimeOffset", "System.Security.Cryptography.RandomNumberGenerator",
        };

        /// <summary>
        /// The request <paramref name="value"/> sends when it is a copy of another (through locals and nested copies:
        /// staffinity clones a buffered clone of its parameter on each attempt), or null when it is not a copy.
        /// </summary>
        public static IOperation? Original(IOperation value, Compilation compilation, CancellationToken cancellationToken)
        {
            IOperation? original = null;
            var current = ValueOrigins.Trace(value, compilation, cancellationToken);
            for (var depth = 0; depth < 4 && current is IInvocationOperation call && OriginalArgument(call, compilation) is { } argument; depth++)
            {
                original = argument;
                current = ValueOrigins.Trace(argument, compilation, cancellationToken);
            }

            return original is null ? null : current;
        }

        /// <summary>The argument given for the original when <paramref name="call"/> calls a copy method (see the class remarks); null otherwise.</summary>
        public static IOperation? OriginalArgument(IInvocationOperation call, Compilation compilation)
        {
            var method = call.TargetMethod;
            if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface
                || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
                || (!method.IsStatic && call.Instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
                || !SourceBodies.IsInSource(method, compilation)
                || compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage") is not { } requestType
                || OriginalParameter(method.ReducedFrom ?? method, requestType, compilation) is not { } parameter
                || !IsCopy((method.ReducedFrom ?? method).OriginalDefinition, parameter, requestType, compilation))
            {
                return null;
            }

            return call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Ordinal && a.ArgumentKind == ArgumentKind.Explicit)?.Value;
        }

        /// <summary>The one <c>HttpRequestMessage</c> parameter, when every other is a cancellation token and the method returns a request.</summary>
        private static IParameterSymbol? OriginalParameter(IMethodSymbol method, INamedTypeSymbol requestType, Compilation compilation)
        {
            var returned = method.ReturnType is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "Task" or "ValueTask" } task
                ? task.TypeArguments[0]
                : method.ReturnType;
            if (!SymbolEqualityComparer.Default.Equals(returned, requestType))
            {
                return null;
            }

            var token = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            IParameterSymbol? original = null;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None)
                {
                    return null;
                }

                if (SymbolEqualityComparer.Default.Equals(parameter.Type, requestType) && original is null)
                {
                    original = parameter;
                }
                else if (!SymbolEqualityComparer.Default.Equals(parameter.Type, token))
                {
                    return null;
                }
            }

            return original;
        }

        private static bool IsCopy(IMethodSymbol method, IParameterSymbol original, INamedTypeSymbol requestType, Compilation compilation)
        {
            var known = Cache.GetValue(compilation, _ => new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default));
            return known.GetOrAdd(method, m => ComputeIsCopy(m, original.OriginalDefinition, requestType, compilation));
        }

        private static bool ComputeIsCopy(IMethodSymbol method, IParameterSymbol original, INamedTypeSymbol requestType, Compilation compilation)
        {
            var bodies = SourceBodies.GetBodies(method, compilation, CancellationToken.None).ToList();
            var returned = SourceBodies.ReturnedValues(method, compilation, CancellationToken.None);
            if (bodies.Count == 0 || returned.Count == 0
                || !returned.All(r => ValueOrigins.Trace(r, compilation, CancellationToken.None) is IObjectCreationOperation creation
                    && SymbolEqualityComparer.Default.Equals(creation.Type, requestType) && CopiesMethodAndUri(creation, original)))
            {
                return false;
            }

            foreach (var body in bodies)
            {
                var fresh = ReadOnlyProjectMethods.FreshLocals(body);
                if (body.DescendantsAndSelf().Any(o => !IsAllowed(o, original, fresh, compilation)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><c>new HttpRequestMessage(original.Method, original.RequestUri)</c>, or those two set so in its initializer.</summary>
        private static bool CopiesMethodAndUri(IObjectCreationOperation creation, IParameterSymbol original)
        {
            var (method, uri) = RawHttpLlmCalls.MethodAndUri(creation);
            return method is not null && uri is not null && IsOriginalMember(method, "Method", original) && IsOriginalMember(uri, "RequestUri", original);
        }

        private static bool IsOriginalMember(IOperation value, string name, IParameterSymbol original) =>
            ValueOrigins.Unwrap(value) is IPropertyReferenceOperation { Instance: { } instance } property && property.Property.Name == name
            && ValueOrigins.Unwrap(instance) is IParameterReferenceOperation parameter
            && SymbolEqualityComparer.Default.Equals(parameter.Parameter.OriginalDefinition, original);

        private static bool IsAllowed(IOperation operation, IParameterSymbol original, HashSet<ILocalSymbol> fresh, Compilation compilation)
        {
            switch (operation)
            {
                case IParameterReferenceOperation parameter:
                    // The original, a cancellation token, or a lambda's own parameter (`original.Headers.Where(h => ...)`).
                    return SymbolEqualityComparer.Default.Equals(parameter.Parameter.OriginalDefinition, original)
                        || parameter.Parameter.Type is INamedTypeSymbol
                        {
                            Name: nameof(CancellationToken),
                            ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } },
                        }
                        || parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction };
                case IFieldReferenceOperation field:
                    return field.Field.IsConst || (field.Field.IsStatic && field.Field.IsReadOnly);
                case IPropertyReferenceOperation property:
                    return !property.Property.IsStatic || (IsBcl(property.Property) && !IsUnsteady(property.Property.ContainingType));
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    return false;
                case IAssignmentOperation assignment:
                    return WritesOnlyFresh(assignment.Target, fresh);
                case IIncrementOrDecrementOperation increment:
                    return WritesOnlyFresh(increment.Target, fresh);
                case IInvocationOperation invocation:
                    return IsAllowedCall(invocation, original, fresh, compilation);
                case IObjectCreationOperation creation:
                    return !IsUnsteady(creation.Type as INamedTypeSymbol);
                case IAwaitOperation awaited:
                    return ValueOrigins.Unwrap(awaited.Operation) is IInvocationOperation;
                case IDynamicInvocationOperation:
                case IDynamicMemberReferenceOperation:
                case IDynamicObjectCreationOperation:
                case IDynamicIndexerAccessOperation:
                case IInvalidOperation:
                case IFunctionPointerInvocationOperation:
                case IEventAssignmentOperation:
                    return false;
                default:
                    return true;
            }
        }

        private static bool IsAllowedCall(IInvocationOperation invocation, IParameterSymbol original, HashSet<ILocalSymbol> fresh, Compilation compilation)
        {
            var method = invocation.TargetMethod;
            if (method.MethodKind == MethodKind.DelegateInvoke)
            {
                return false;
            }

            if (SourceBodies.IsInSource(method, compilation))
            {
                return ReadOnlyProjectMethods.IsReadOnlyCall(invocation, compilation);
            }

            if (!IsBcl(method) || IsUnsteady(method.ContainingType) || IsOutsideWorld(method))
            {
                return false;
            }

            // Only the copy (and what it holds) is filled; on anything else a call is a read: the original's content
            // buffered and read, its headers enumerated. A header added to the original would change what is copied next.
            return ValueOrigins.Receiver(invocation) is not { } receiver || IsFresh(receiver, fresh) || !ChangesReceiver(method)
                || IsContentRead(method, compilation);
        }

        /// <summary>Reading an <c>HttpContent</c> (<c>ReadAsByteArrayAsync</c>, <c>LoadIntoBufferAsync</c>, <c>CopyToAsync</c>) buffers it: the next read gives the same bytes.</summary>
        private static bool IsContentRead(IMethodSymbol method, Compilation compilation) =>
            KnownRetrySymbols.IsOrInherits(method.ContainingType, compilation.GetTypeByMetadataName("System.Net.Http.HttpContent"))
            && (method.Name.StartsWith("ReadAs", System.StringComparison.Ordinal) || method.Name is "LoadIntoBufferAsync" or "LoadIntoBuffer" or "CopyToAsync" or "CopyTo");

        private static bool ChangesReceiver(IMethodSymbol method) =>
            method.ContainingType?.ToDisplayString() != "System.Linq.Enumerable"
            && !(method.Name.StartsWith("Get", System.StringComparison.Ordinal) || method.Name.StartsWith("TryGet", System.StringComparison.Ordinal)
                || method.Name.StartsWith("Contains", System.StringComparison.Ordinal) || method.Name is "ToString" or "Equals" or "GetHashCode" or "ToArray" or "ToList" or "ConfigureAwait");

        /// <summary>Files, the network (sending), threads and the process; in-memory streams are fine (a buffered copy of the content).</summary>
        private static bool IsOutsideWorld(IMethodSymbol method)
        {
            var ns = (method.ReducedFrom ?? method).ContainingNamespace?.ToDisplayString() ?? "";
            var type = method.ContainingType?.OriginalDefinition.ToDisplayString() ?? "";
            if (type is "System.IO.MemoryStream" or "System.IO.Stream")
            {
                return false;
            }

            return ns.StartsWith("System.IO", System.StringComparison.Ordinal) || ns.StartsWith("System.Diagnostics", System.StringComparison.Ordinal)
                || ns.StartsWith("System.Reflection", System.StringComparison.Ordinal) || ns.StartsWith("System.Net.Sockets", System.StringComparison.Ordinal)
                || type.StartsWith("System.Net.Http.HttpClient", System.StringComparison.Ordinal) || type == "System.Net.Http.HttpMessageInvoker"
                || type == "System.Console"
                || (ns.StartsWith("System.Threading", System.StringComparison.Ordinal) && type is not ("System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<TResult>"
                    or "System.Threading.Tasks.ValueTask" or "System.Threading.Tasks.ValueTask<TResult>" or "System.Threading.CancellationToken"));
        }

        private static bool IsCreation(IOperation value) => ValueOrigins.Unwrap(value) is IObjectCreationOperation or IArrayCreationOperation;

        /// <summary>The object reached from <paramref name="value"/> through members was created in the method.</summary>
        private static bool IsFresh(IOperation value, HashSet<ILocalSymbol> fresh)
        {
            var current = ValueOrigins.Unwrap(value);
            for (var depth = 0; depth < 8; depth++)
            {
                switch (current)
                {
                    case IMemberReferenceOperation { Instance: { } instance }:
                        current = ValueOrigins.Unwrap(instance);
                        continue;
                    case ILocalReferenceOperation local:
                        return fresh.Contains(local.Local);
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                        return true;
                    default:
                        return IsCreation(current);
                }
            }

            return false;
        }

        /// <summary>A local (a loop variable, a byte buffer), or a member of an object the method created.</summary>
        private static bool WritesOnlyFresh(IOperation target, HashSet<ILocalSymbol> fresh) => ValueOrigins.Unwrap(target) switch
        {
            ILocalReferenceOperation or IDiscardOperation => true,
            IMemberReferenceOperation or IArrayElementReferenceOperation => IsFresh(target, fresh),
            _ => false,
        };

        private static bool IsUnsteady(INamedTypeSymbol? type) => type is not null && UnsteadyTypes.Contains(type.OriginalDefinition.ToDisplayString());

        private static bool IsBcl(ISymbol symbol)
        {
            var ns = (symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : symbol).ContainingNamespace;
            while (ns is { ContainingNamespace.IsGlobalNamespace: false })
            {
                ns = ns.ContainingNamespace;
            }

            return ns?.Name == "System";
        }
    }
}
