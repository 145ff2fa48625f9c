using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Review 84 (enesscigdem/DevPilot GeminiAiProvider, repro-2): a streaming send (<c>ResponseHeadersRead</c>) whose
    /// response is handed to a project method that reads the whole body into what it returns shows nothing before the
    /// attempt is judged, so a retry of it re-sends a generation (AIL0001), like an <c>await foreach</c> that only appends
    /// each update to a local. A method counts as only buffering when nothing in it can hand a part on while it reads:
    /// no <c>yield</c>, no delegate call (a callback), no write to a field, a property of its object or a static, and every
    /// call is logging, .NET code on values the method made or read from the response (not on a field or another
    /// parameter: a writer, a hub, a channel, the console are what show parts), or another project method of the same kind
    /// without dispatch (2 calls deep). It must not return the response, its content or a stream. Anything else, and
    /// code not in the compilation, keeps AIL0002. Answers are cached per method for the compilation.
    /// </summary>
    internal static class BufferingProjectMethods
    {
        private const int MaxDepth = 2;

        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, bool>> Cache = new();

        /// <summary>.NET types whose calls write out or reach the outside world: they may show a part as it arrives.</summary>
        private static readonly string[] OutsideTypes =
        {
            "System.Console", "System.Diagnostics.Debug", "System.Diagnostics.Trace", "System.IO.File", "System.Diagnostics.Process",
            "System.Net.Http.HttpClient",
        };

        /// <summary>Objects passed in that a buffering method may still call: timing and cancellation, not output.</summary>
        private static readonly string[] HarmlessOutsideTypes =
        {
            "System.Diagnostics.Stopwatch", "System.Threading.CancellationToken", "System.Threading.CancellationTokenSource",
        };

        /// <summary><paramref name="call"/> hands its argument to a project method (no dispatch) that only buffers it.</summary>
        public static bool IsBufferingCall(IInvocationOperation call, Compilation compilation) =>
            CalledWithoutDispatch(call.TargetMethod, compilation) && !ReturnsStream(call.TargetMethod) && Buffers(call.TargetMethod, compilation, 0);

        private static bool CalledWithoutDispatch(IMethodSymbol method, Compilation compilation) =>
            !method.IsVirtual && !method.IsAbstract && !method.IsOverride && !method.IsExtern
            && method.ContainingType?.TypeKind is not TypeKind.Interface
            && method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
            && SourceBodies.IsInSource(method, compilation);

        /// <summary>A return type that hands the body on: the response, its content, a stream, a reader or an async stream.</summary>
        private static bool ReturnsStream(IMethodSymbol method)
        {
            var type = method.ReturnType as INamedTypeSymbol;
            if (type is { Name: "Task" or "ValueTask", TypeArguments.Length: 1 })
            {
                type = type.TypeArguments[0] as INamedTypeSymbol;
            }

            return type is not null
                && (CollectedStreams.IsAsyncStream(type) || type.AllInterfaces.Any(i => i.Name == "IDisposable" || i.Name == "IAsyncDisposable"));
        }

        private static bool Buffers(IMethodSymbol method, Compilation compilation, int depth)
        {
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            var cache = Cache.GetValue(compilation, _ => new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default));
            if (cache.TryGetValue(definition, out var known))
            {
                return known;
            }

            // Cached only when read at the top: a method rejected for depth alone may be fine when read first.
            var result = depth <= MaxDepth && ReadBodies(definition, compilation, depth);
            if (depth == 0)
            {
                cache.TryAdd(definition, result);
            }

            return result;
        }

        private static bool ReadBodies(IMethodSymbol method, Compilation compilation, int depth)
        {
            var logging = LogAndWaitCalls.For(compilation);
            var any = false;
            foreach (var body in SourceBodies.GetBodies(method, compilation, CancellationToken.None))
            {
                any = true;
                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (!Allowed(operation, compilation, depth, logging))
                    {
                        return false;
                    }
                }
            }

            return any;
        }

        private static bool Allowed(IOperation operation, Compilation compilation, int depth, LogAndWaitCalls logging)
        {
            switch (operation)
            {
                case IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak }:
                case IInvalidOperation or IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IFunctionPointerInvocationOperation:
                    // Half-typed or late-bound code may do anything.
                    return false;
                case IAssignmentOperation { Target: var target } when WritesOutside(target):
                    return false;
                case IInvocationOperation invocation:
                    var called = invocation.TargetMethod;
                    if (called.MethodKind == MethodKind.DelegateInvoke)
                    {
                        return false;
                    }

                    // `Console.Write(part)` counts as logging elsewhere; here it is what shows the part.
                    if (OutsideTypes.Contains(Name(called.ContainingType)))
                    {
                        return false;
                    }

                    if (logging.IsLoggingOrWait(called))
                    {
                        return true;
                    }

                    if (SourceBodies.IsInSource(called, compilation))
                    {
                        // `Failure(model, stopwatch, kind, message)`, `Sanitize(text)`: read the same way, one more call deep.
                        return CalledWithoutDispatch(called, compilation) && Buffers(called, compilation, depth + 1);
                    }

                    // `_settings.DisplayName.Trim()`: a string or a struct cannot show anything, wherever it comes from.
                    return ReadOnlyProjectMethods.IsBcl(called) && !OutsideTypes.Contains(Name(called.ContainingType))
                        && (invocation.Instance is null || invocation.Instance.Type is { IsValueType: true } or { SpecialType: SpecialType.System_String }
                            || !RootedOutside(invocation.Instance));
                default:
                    return true;
            }
        }

        /// <summary>A field or property write to the object, a static, or an object passed in: shared state others may show.</summary>
        private static bool WritesOutside(IOperation target) => target switch
        {
            IFieldReferenceOperation { Instance: var instance } => IsSharedInstance(instance),
            IPropertyReferenceOperation { Instance: var instance } => IsSharedInstance(instance),
            IEventReferenceOperation => true,
            _ => false,
        };

        /// <summary>
        /// A static (no instance), the method's own object or a parameter. The implicit receiver of an object initializer
        /// (<c>new AiResponse { Model = model, IsSuccess = false }</c>, the real DevPilot reader's result) is the object
        /// being made there, not shared state.
        /// </summary>
        private static bool IsSharedInstance(IOperation? instance) =>
            instance is null
            || instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
            || instance is IParameterReferenceOperation;

        /// <summary>
        /// The receiver of a .NET call is, at its root, a field, the method's object or a parameter other than the response:
        /// something passed in (a writer, a channel), unless it is timing or cancellation.
        /// </summary>
        private static bool RootedOutside(IOperation receiver)
        {
            var root = receiver;
            while (true)
            {
                switch (root)
                {
                    case IConversionOperation conversion:
                        root = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        root = parenthesized.Operand;
                        continue;
                    case IInvocationOperation { Instance: { } instance }:
                        root = instance;
                        continue;
                    case IMemberReferenceOperation { Instance: { } member } when root is not IFieldReferenceOperation { Instance: IInstanceReferenceOperation }:
                        root = member;
                        continue;
                    case IArrayElementReferenceOperation element:
                        root = element.ArrayReference;
                        continue;
                }

                break;
            }

            if (HarmlessOutsideTypes.Contains(root.Type is null ? "" : Name(root.Type)))
            {
                return false;
            }

            return root switch
            {
                // `Encoding.UTF8.GetBytes(...)`: a static of .NET, unless it is the console's or a file's.
                IMemberReferenceOperation { Instance: null, Member.ContainingType: { } type } when type.ContainingNamespace?.ToDisplayString().StartsWith("System", System.StringComparison.Ordinal) == true =>
                    OutsideTypes.Contains(Name(type)),
                IParameterReferenceOperation parameter => !IsResponse(parameter.Parameter.Type),
                // A collection initializer's `Add` is called on the object being made (an implicit receiver), not on this one.
                IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } => false,
                IFieldReferenceOperation or IPropertyReferenceOperation or IInstanceReferenceOperation => true,
                _ => false,
            };
        }

        private static bool IsResponse(ITypeSymbol type) => Name(type) == "System.Net.Http.HttpResponseMessage";

        private static string Name(ITypeSymbol type) => type.OriginalDefinition.ToDisplayString();
    }
}
