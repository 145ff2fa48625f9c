using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Project methods that only compute from what they are given: called twice with the same arguments they give the same
    /// value and change nothing the caller holds (review 49, Nexora: <c>CreateRequest(request, configuration)</c> building
    /// the request each pass, <c>DelayBeforeRetryAsync(configuration, attempt, token)</c> waiting). A loop that calls one
    /// with its request's inputs still sends the same request. The body is read conservatively, and anything it does not
    /// show counts against it: it may read its parameters (and their members), constants and <c>static readonly</c>
    /// fields, create objects and fill objects it created, call .NET methods that read no clock, random, GUID, environment,
    /// file, network or thread, log, <c>Task.Delay</c> (also awaited), and other such methods of the project (static, or
    /// non-virtual of the same object; 3 calls deep). It must not assign a field, a parameter or a member of an object it
    /// did not create, call a mutating method (<c>Add</c>, <c>Remove</c>, ...) on one, read a field or property of its own
    /// object, a computed property of the project, await anything else, or call through an interface, a virtual method, a
    /// delegate or another library. Answers are cached per method for the compilation.
    /// <para>
    /// Its own object's fixed members (<see cref="FixedMembers"/>: a <c>readonly</c> field or a get-only auto property of a
    /// class, review 61's <c>_options</c> set in the constructor) are read like parameters: they hold the same object on
    /// every call, and a loop that changes what that object holds is caught by the loop (the members are among its
    /// inputs). Properties read through one must be stored values (not virtual, not an interface's, not a clock's).
    /// </para>
    /// </summary>
    internal static class ReadOnlyProjectMethods
    {
        /// <summary>How many calls deep a body is followed (the loop reads the members its builders read as deep).</summary>
        internal const int MaxDepth = 3;

        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, bool>> Cache = new();

        /// <summary>Types whose members read the clock, chance, the machine or the outside world.</summary>
        private static readonly HashSet<string> UnsteadyTypes = new(System.StringComparer.Ordinal)
        {
            "System.Random", "System.Guid", "System.Environment", "System.TimeProvider", "System.Diagnostics.Stopwatch",
            "System.Diagnostics.Process", "System.Diagnostics.Activity", "System.Threading.Thread", "System.AppDomain",
            "System.GC", "System.Security.Cryptography.RandomNumberGenerator",
        };

        /// <summary>Static members of the clock types that read the time (<c>DateTime.Parse</c> and the like do not).</summary>
        private static readonly HashSet<string> ClockMembers = new(System.StringComparer.Ordinal) { "Now", "UtcNow", "Today" };

        /// <summary>Name starts of methods that change the object they are called on (or the argument they fill).</summary>
        private static readonly string[] MutatingPrefixes =
        {
            "Add", "Insert", "Remove", "Clear", "Set", "Push", "Pop", "Enqueue", "Dequeue", "Write", "Append", "Sort",
            "Reverse", "Fill", "Resize", "Copy", "Move", "Read", "Take", "TryAdd", "TryRemove", "TryDequeue", "TryPop",
            "TryTake", "TryUpdate", "TryRead", "TryWrite", "Dispose", "Flush", "Reset", "Replace", "Exchange", "Increment",
            "Decrement", "Cancel", "Register", "Start", "Stop", "Post", "Send", "Complete", "Shuffle", "Update", "Apply",
        };

        /// <summary>
        /// <paramref name="invocation"/> calls a read-only project method (see the class remarks) without dispatch: a static
        /// method, a local function, or a non-virtual method of the same object (<c>CreateRequest(...)</c>, <c>this.Build(...)</c>).
        /// </summary>
        /// <remarks>
        /// With <paramref name="calledForEffect"/> (a call whose value is dropped: <c>RecordTurn(messages);</c>) the body must
        /// also show why it is called: a wait or a log. An empty or value-only body called as a statement stands for code
        /// not written yet (a stub in a tool loop), which may well append to what it is given.
        /// </remarks>
        public static bool IsReadOnlyCall(IInvocationOperation invocation, Compilation compilation, bool calledForEffect = false) =>
            CalledWithoutDispatch(invocation, compilation) && IsReadOnly(invocation.TargetMethod, compilation, 0)
            && (!calledForEffect || WaitsOrLogs(invocation.TargetMethod, compilation));

        private static bool WaitsOrLogs(IMethodSymbol method, Compilation compilation) =>
            SourceBodies.GetBodies((method.ReducedFrom ?? method).OriginalDefinition, compilation, System.Threading.CancellationToken.None)
                .Any(body => body.DescendantsAndSelf().OfType<IInvocationOperation>().Any(i => LogAndWaitCalls.For(compilation).IsLoggingOrWait(i.TargetMethod)));

        private static bool CalledWithoutDispatch(IInvocationOperation invocation, Compilation compilation)
        {
            var method = invocation.TargetMethod;
            if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface
                || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction) || !SourceBodies.IsInSource(method, compilation))
            {
                return false;
            }

            return method.IsStatic
                ? invocation.Instance is null
                : invocation.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
        }

        private static bool IsReadOnly(IMethodSymbol method, Compilation compilation, int depth)
        {
            method = (method.ReducedFrom ?? method).OriginalDefinition;
            if (depth > MaxDepth)
            {
                return false;
            }

            var known = Cache.GetValue(compilation, _ => new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default));
            if (known.TryGetValue(method, out var cached))
            {
                return cached;
            }

            // A method that calls itself (directly or not) reads as not read-only while it is being read.
            known.TryAdd(method, false);
            var answer = ComputeReadOnly(method, compilation, depth);
            known[method] = answer;
            return answer;
        }

        private static bool ComputeReadOnly(IMethodSymbol method, Compilation compilation, int depth)
        {
            if (method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out) || method.IsExtern)
            {
                return false;
            }

            var bodies = SourceBodies.GetBodies(method, compilation, System.Threading.CancellationToken.None).ToList();
            if (bodies.Count == 0)
            {
                return false;
            }

            foreach (var body in bodies)
            {
                var fresh = FreshLocals(body);
                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (!IsAllowed(operation, fresh, compilation, depth))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsAllowed(IOperation operation, HashSet<ILocalSymbol> fresh, Compilation compilation, int depth)
        {
            switch (operation)
            {
                case IFieldReferenceOperation field:
                    return field.Field.IsConst
                        || (field.Field.IsStatic ? field.Field.IsReadOnly : !IsOwnState(field.Instance) || FixedMembers.IsFixedField(field.Field));
                case IPropertyReferenceOperation property:
                    if (property.Property.IsStatic)
                    {
                        return IsSteadyStaticProperty(property.Property);
                    }

                    return IsOwnState(property.Instance)
                        ? FixedMembers.IsFixedProperty(property.Property, compilation)
                        : !IsComputedSourceProperty(property.Property, compilation)
                            && (!FixedMembers.IsHeldByFixedMember(property.Instance)
                                || (FixedMembers.IsPlainStoredProperty(property.Property, compilation) && !IsUnsteadyType(property.Property.ContainingType)));
                case IAssignmentOperation assignment:
                    return WritesOnlyFresh(assignment.Target, fresh);
                case IIncrementOrDecrementOperation increment:
                    return WritesOnlyFresh(increment.Target, fresh);
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byRef:
                    return ValueOrigins.Unwrap(byRef.Value) is ILocalReferenceOperation or IDeclarationExpressionOperation or IDiscardOperation;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } self:
                    // `this` only as the receiver of a call of its own (checked as a call below); never handed on.
                    return self.Parent is IInvocationOperation own && own.Instance == self
                        || self.Parent is IFieldReferenceOperation or IPropertyReferenceOperation; // judged by the member cases
                case IInvocationOperation invocation:
                    return IsAllowedCall(invocation, fresh, compilation, depth);
                case IMethodReferenceOperation reference:
                    return IsBcl(reference.Method)
                        ? !IsUnsteadyType(reference.Method.ContainingType)
                        : reference.Method.IsStatic && SourceBodies.IsInSource(reference.Method, compilation) && IsReadOnly(reference.Method, compilation, depth + 1);
                case IObjectCreationOperation creation:
                    return !IsUnsteadyType(creation.Type as INamedTypeSymbol);
                case IAwaitOperation awaited:
                    return Unawaited(awaited.Operation) is IInvocationOperation waited && LogAndWaitCalls.For(compilation).IsWait(waited.TargetMethod);
                case IForEachLoopOperation { IsAsynchronous: true }:
                case IUsingOperation { IsAsynchronous: true }:
                case IUsingDeclarationOperation { IsAsynchronous: true }:
                case IEventReferenceOperation:
                case IEventAssignmentOperation:
                case IDynamicInvocationOperation:
                case IDynamicMemberReferenceOperation:
                case IDynamicObjectCreationOperation:
                case IDynamicIndexerAccessOperation:
                case IInvalidOperation:
                case IFunctionPointerInvocationOperation:
                    return false;
                default:
                    return true;
            }
        }

        private static bool IsAllowedCall(IInvocationOperation invocation, HashSet<ILocalSymbol> fresh, Compilation compilation, int depth)
        {
            var method = invocation.TargetMethod;
            if (method.MethodKind == MethodKind.DelegateInvoke)
            {
                return false;
            }

            // A local function's body is part of the body being read.
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                return true;
            }

            if (SourceBodies.IsInSource(method, compilation))
            {
                return CalledWithoutDispatch(invocation, compilation) && IsReadOnly(method, compilation, depth + 1);
            }

            if (LogAndWaitCalls.For(compilation).IsLoggingOrWait(method))
            {
                return true;
            }

            if (!IsBcl(method) || IsUnsteadyType(method.ContainingType) || IsOutsideWorld(method))
            {
                return false;
            }

            // An instance method called on an object the method did not create may change it (`list.Add(x)` on a
            // parameter), and so may a static one handed such an object (`Array.Sort(items)`).
            if (!IsMutating(method))
            {
                return !method.IsVirtual && !method.IsAbstract && !method.IsOverride && method.ContainingType?.TypeKind != TypeKind.Interface
                    || invocation.Instance is null || IsSteadyReceiverType(invocation.Instance.Type);
            }

            var receiver = ValueOrigins.Receiver(invocation);
            if (receiver is not null && !IsFresh(receiver, fresh) && IsMutableObject(receiver.Type))
            {
                return false;
            }

            return invocation.Arguments.All(a => IsFresh(a.Value, fresh) || !IsMutableObject(ValueOrigins.Unwrap(a.Value).Type));
        }

        /// <summary>Locals every assignment of which creates an object (<c>var message = new HttpRequestMessage(...)</c>).</summary>
        internal static HashSet<ILocalSymbol> FreshLocals(IOperation body)
        {
            var created = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            var other = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in body.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer:
                        (IsCreation(initializer.Value) ? created : other).Add(declarator.Symbol);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                        (IsCreation(assignment.Value) ? created : other).Add(target.Local);
                        break;
                }
            }

            created.ExceptWith(other);
            return created;
        }

        private static bool IsCreation(IOperation value) => ValueOrigins.Unwrap(value) is IObjectCreationOperation or IAnonymousObjectCreationOperation
            or IArrayCreationOperation;

        /// <summary>The object reached from <paramref name="value"/> through members was created in the method (or is being initialized).</summary>
        private static bool IsFresh(IOperation value, HashSet<ILocalSymbol> fresh)
        {
            var current = ValueOrigins.Unwrap(value);
            while (true)
            {
                switch (current)
                {
                    case IMemberReferenceOperation { Instance: { } instance }:
                        current = ValueOrigins.Unwrap(instance);
                        continue;
                    case IArrayElementReferenceOperation element:
                        current = ValueOrigins.Unwrap(element.ArrayReference);
                        continue;
                    case ILocalReferenceOperation local:
                        return fresh.Contains(local.Local);
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                        return true;
                    default:
                        return IsCreation(current);
                }
            }
        }

        /// <summary>An assignment target that is a local, or a member of an object the method created.</summary>
        private static bool WritesOnlyFresh(IOperation target, HashSet<ILocalSymbol> fresh) => ValueOrigins.Unwrap(target) switch
        {
            ILocalReferenceOperation or IDiscardOperation => true,
            IDeclarationExpressionOperation declaration => WritesOnlyFresh(declaration.Expression, fresh), // `var (a, b) = ...`
            IMemberReferenceOperation or IArrayElementReferenceOperation => IsFresh(target, fresh),
            ITupleOperation tuple => tuple.Elements.All(e => WritesOnlyFresh(e, fresh)),
            _ => false,
        };

        private static bool IsOwnState(IOperation? instance) =>
            instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

        /// <summary>A property of the project whose getter has a body (<c>string Prompt => Build();</c>): not a plain stored value.</summary>
        private static bool IsComputedSourceProperty(IPropertySymbol property, Compilation compilation)
        {
            if (!SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, compilation.Assembly))
            {
                return false;
            }

            return property.DeclaringSyntaxReferences.Any(r => r.GetSyntax() switch
            {
                PropertyDeclarationSyntax declaration => declaration.ExpressionBody is not null
                    || declaration.AccessorList?.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null) == true,
                IndexerDeclarationSyntax => true,
                _ => false, // a record's positional parameter
            });
        }

        private static bool IsSteadyStaticProperty(IPropertySymbol property) =>
            IsBcl(property.GetMethod ?? (ISymbol)property) && !IsUnsteadyType(property.ContainingType)
            && !(ClockMembers.Contains(property.Name) && property.ContainingType?.ToDisplayString() is "System.DateTime" or "System.DateTimeOffset")
            && property.ContainingType?.ToDisplayString() != "System.Console";

        private static bool IsUnsteadyType(INamedTypeSymbol? type) => type is not null && UnsteadyTypes.Contains(type.OriginalDefinition.ToDisplayString());

        /// <summary>.NET code that reaches files, the network, threads, the console's input or the process.</summary>
        private static bool IsOutsideWorld(IMethodSymbol method)
        {
            var ns = (method.ReducedFrom ?? method).ContainingNamespace?.ToDisplayString() ?? "";
            var type = method.ContainingType?.OriginalDefinition.ToDisplayString() ?? "";
            if (ns == "System.IO" || ns.StartsWith("System.IO.", System.StringComparison.Ordinal)
                || ns.StartsWith("System.Diagnostics", System.StringComparison.Ordinal)
                || ns.StartsWith("System.Reflection", System.StringComparison.Ordinal)
                || ns.StartsWith("System.Runtime", System.StringComparison.Ordinal))
            {
                return true;
            }

            if (ns.StartsWith("System.Threading", System.StringComparison.Ordinal))
            {
                return type is not ("System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask"
                    or "System.Threading.Tasks.ValueTask<TResult>" or "System.Threading.CancellationToken");
            }

            if (ns.StartsWith("System.Net", System.StringComparison.Ordinal))
            {
                // Building a request is fine (`JsonContent.Create`, headers of a new message); sending one is not.
                return type.StartsWith("System.Net.Http.HttpClient", System.StringComparison.Ordinal) || type == "System.Net.Http.HttpMessageInvoker"
                    || ns.StartsWith("System.Net.Sockets", System.StringComparison.Ordinal) || type == "System.Net.Dns";
            }

            return type == "System.Console" && method.Name.StartsWith("Read", System.StringComparison.Ordinal);
        }

        /// <summary>A name that changes its receiver or argument; LINQ's <c>Take</c>, <c>Append</c>, <c>Reverse</c> return new sequences.</summary>
        private static bool IsMutating(IMethodSymbol method) =>
            (method.ReducedFrom ?? method).ContainingType?.ToDisplayString() != "System.Linq.Enumerable"
            && MutatingPrefixes.Any(p => method.Name.StartsWith(p, System.StringComparison.Ordinal));

        /// <summary>A receiver whose virtual methods are .NET's own: a value type or a sealed .NET type (<c>count.ToString()</c>).</summary>
        /// <summary>
        /// A value, a string, or a .NET class no project can derive from: sealed, or with no constructor a derived class
        /// could call (review 84: <c>JsonNode.GetValue&lt;T&gt;()</c> is virtual, but only .NET's own node types override it).
        /// </summary>
        private static bool IsSteadyReceiverType(ITypeSymbol? type) =>
            type is not null && (type.IsValueType || type.SpecialType == SpecialType.System_String
                || (IsBclType(type) && (type.IsSealed || (type is INamedTypeSymbol { TypeKind: TypeKind.Class } named && !CanBeDerivedOutside(named)))));

        private static bool CanBeDerivedOutside(INamedTypeSymbol type) =>
            type.InstanceConstructors.Any(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal);

        private static bool IsBclType(ITypeSymbol type)
        {
            var ns = type.ContainingNamespace;
            while (ns is { ContainingNamespace.IsGlobalNamespace: false })
            {
                ns = ns.ContainingNamespace;
            }

            return ns?.Name == "System";
        }

        /// <summary>A member of .NET itself (its outermost namespace is <c>System</c>).</summary>
        internal static bool IsBcl(ISymbol symbol)
        {
            var ns = (symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : symbol).ContainingNamespace;
            while (ns is { ContainingNamespace.IsGlobalNamespace: false })
            {
                ns = ns.ContainingNamespace;
            }

            return ns?.Name == "System";
        }

        private static bool IsMutableObject(ITypeSymbol? type) =>
            type is not null && type.IsReferenceType && type.SpecialType != SpecialType.System_String && type.TypeKind != TypeKind.Delegate;

        private static IOperation Unawaited(IOperation operation) =>
            ValueOrigins.Unwrap(operation) is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } task } ? ValueOrigins.Unwrap(task) : ValueOrigins.Unwrap(operation);
    }
}
