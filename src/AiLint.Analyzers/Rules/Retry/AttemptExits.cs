using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// What runs in an attempt after an SDK call that leaves the retried code at once (<see cref="UnsurfacedExceptionRetries"/>):
    /// reads of the call's result on the way out, and the catches and <c>finally</c> blocks between the call and the
    /// retried code. Each must be unable to throw an exception the retry handles.
    /// </summary>
    internal static class AttemptExits
    {
        // Assemblies whose members neither send a request nor throw HttpRequestException (collections, strings, JSON,
        // logging, the SDK pipeline's result types). System.Net.Http is not among them.
        private static readonly ImmutableHashSet<string> QuietAssemblies = ImmutableHashSet.Create(
            "System.Private.CoreLib", "System.Runtime", "netstandard", "mscorlib", "System.Collections", "System.Linq",
            "System.Memory", "System.Text.Json", "System.Console", "System.ObjectModel", "System.Diagnostics.DiagnosticSource",
            "Microsoft.Extensions.Logging.Abstractions", "System.ClientModel");

        /// <summary>
        /// The outermost of the reads of <paramref name="call"/>'s result that follow it (<c>(await call).Value.Content[0].Text</c>):
        /// property getters of the SDK's own types and of the framework's collections, with constant indexes.
        /// </summary>
        public static IOperation AfterResultReads(IOperation call, IAssemblySymbol sdkAssembly)
        {
            var current = call;
            while (true)
            {
                switch (current.Parent)
                {
                    case IAwaitOperation or IParenthesizedOperation:
                    case IConversionOperation { OperatorMethod: null }:
                    case IPropertyReferenceOperation property when property.Instance == current && IsQuiet(property.Property.ContainingAssembly, sdkAssembly)
                        && property.Arguments.All(a => a.Value.ConstantValue.HasValue):
                        current = current.Parent;
                        break;
                    default:
                        return current;
                }
            }
        }

        /// <summary>
        /// A catch or <c>finally</c> between <paramref name="call"/> and <paramref name="boundary"/> may throw a handled
        /// type, or a catch may fall out into more code of the attempt. A catch that takes only handled types is not read:
        /// it cannot be entered once the call has sent its request.
        /// </summary>
        public static bool HandlersMayThrow(IOperation call, IOperation boundary, ImmutableArray<ITypeSymbol> handled, IAssemblySymbol sdkAssembly)
        {
            var current = call;
            for (var parent = call.Parent; parent is not null && parent != boundary; current = parent, parent = parent.Parent)
            {
                if (parent is not ITryOperation @try)
                {
                    continue;
                }

                if (@try.Finally is { } @finally && current != @finally && MayThrow(@finally, handled, sdkAssembly))
                {
                    return true;
                }

                if (current != @try.Body)
                {
                    continue;
                }

                foreach (var @catch in @try.Catches)
                {
                    if (handled.Any(type => ProjectThrows.DerivesFrom(@catch.ExceptionType, type)))
                    {
                        continue;
                    }

                    if (!LeavesByReturnOrThrow(@catch) || (@catch.Filter is { } filter && MayThrow(filter, handled, sdkAssembly))
                        || MayThrow(@catch.Handler, handled, sdkAssembly))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The catch's block cannot end normally and leaves only by <c>return</c> (or a throw).</summary>
        public static bool LeavesByReturnOrThrow(ICatchClauseOperation @catch)
        {
            if (@catch.Syntax is not CatchClauseSyntax { Block: { } block } || @catch.SemanticModel is not { } model)
            {
                return false;
            }

            var flow = model.AnalyzeControlFlow(block);
            return flow.Succeeded && !flow.EndPointIsReachable && flow.ExitPoints.All(e => e is ReturnStatementSyntax);
        }

        /// <summary>
        /// Something under <paramref name="root"/> may throw a handled type: a call of the project, a delegate or an
        /// assembly not known to be quiet, an awaited task made elsewhere, or a <c>throw</c> of a related type.
        /// </summary>
        private static bool MayThrow(IOperation root, ImmutableArray<ITypeSymbol> handled, IAssemblySymbol sdkAssembly)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IInvocationOperation invocation when !IsQuietCall(invocation.TargetMethod, sdkAssembly):
                    case IPropertyReferenceOperation property when !IsQuiet(property.Property.ContainingAssembly, sdkAssembly):
                    case IAwaitOperation awaited when ValueOrigins.Unwrap(awaited.Operation) is not IInvocationOperation:
                    case IObjectCreationOperation creation when !IsExceptionType(creation.Type) && !IsQuiet(creation.Constructor?.ContainingAssembly, sdkAssembly):
                    case IForEachLoopOperation { IsAsynchronous: true }:
                    case IMethodReferenceOperation or IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IInvalidOperation:
                        return true;

                    // `throw;` rethrows what the catch took, which cannot be a handled type once the request is sent.
                    case IThrowOperation { Exception: { } thrown }:
                        var type = ValueOrigins.Unwrap(thrown).Type;
                        if (type is null || type.TypeKind == TypeKind.Error
                            || handled.Any(h => ProjectThrows.DerivesFrom(type, h) || ProjectThrows.DerivesFrom(h, type)))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private static bool IsQuietCall(IMethodSymbol method, IAssemblySymbol sdkAssembly) =>
            method.MethodKind != MethodKind.DelegateInvoke
            && IsQuiet(method.ContainingAssembly, sdkAssembly)
            && !method.Parameters.Any(p => p.Type.TypeKind == TypeKind.Delegate || IsAwaitable(p.Type))
            && (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, sdkAssembly) || !IsAwaitable(method.ReturnType));

        private static bool IsQuiet(IAssemblySymbol? assembly, IAssemblySymbol sdkAssembly) =>
            assembly is not null && (QuietAssemblies.Contains(assembly.Identity.Name) || SymbolEqualityComparer.Default.Equals(assembly, sdkAssembly));

        // Task, ValueTask and a collection of them (Task.WhenAll): what they carry failed elsewhere.
        private static bool IsAwaitable(ITypeSymbol type) =>
            type.Name is "Task" or "ValueTask" or "IAsyncEnumerable"
            || (type is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments.Any(IsAwaitable))
            || (type is IArrayTypeSymbol array && IsAwaitable(array.ElementType));

        private static bool IsExceptionType(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current is { Name: "Exception", ContainingNamespace.Name: "System", ContainingNamespace.ContainingNamespace.IsGlobalNamespace: true })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
