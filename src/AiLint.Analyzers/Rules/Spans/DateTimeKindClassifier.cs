using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>A DateTime known not to be of Kind Utc: what it is, where it was made and how the fix can repair it.</summary>
    internal readonly struct NonUtcFinding
    {
        public NonUtcFinding(string description, IOperation origin, string shape)
        {
            Description = description;
            Origin = origin;
            Shape = shape;
        }

        public string Description { get; }

        /// <summary>The operation that produced the non-UTC value (the fix rewrites it).</summary>
        public IOperation Origin { get; }

        public string Shape { get; }
    }

    /// <summary>
    /// Finds DateTime values whose Kind is certainly not Utc (Now, Today, DateTimeOffset.DateTime/LocalDateTime,
    /// ToLocalTime(), Parse without AdjustToUniversal or RoundtripKind, new DateTime without DateTimeKind.Utc, a
    /// TimeZoneInfo conversion into a zone that is certainly not UTC), following locals whose
    /// every write is such a value and Kind-preserving arithmetic (AddX, +/- TimeSpan, .Date). Values of unknown Kind
    /// (a parameter, a deserialised property) are not reported: precision first.
    /// </summary>
    internal sealed partial class DateTimeKindClassifier
    {
        // DateTimeStyles values (System.Globalization): a parse result is Utc only with AdjustToUniversal.
        private const int AdjustToUniversal = 0x10;
        private const int RoundtripKind = 0x80;

        private readonly KnownSpanSymbols symbols;
        private readonly LocalValueIndex index;
        private readonly Compilation? compilation;
        private readonly Dictionary<ILocalSymbol, NonUtcFinding?> memo = new Dictionary<ILocalSymbol, NonUtcFinding?>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, NonUtcFinding?> memberMemo;

        /// <summary>Creates a classifier over the writes in <paramref name="index"/>.</summary>
        /// <param name="symbols">The span symbols of the compilation.</param>
        /// <param name="index">The writes of the locals the classified values can read.</param>
        /// <param name="compilation">When given, read-only fields and get-only auto-properties of the compilation are followed to their writes.</param>
        public DateTimeKindClassifier(KnownSpanSymbols symbols, LocalValueIndex index, Compilation? compilation = null)
            : this(symbols, index, compilation, new Dictionary<ISymbol, NonUtcFinding?>(SymbolEqualityComparer.Default))
        {
        }

        private DateTimeKindClassifier(KnownSpanSymbols symbols, LocalValueIndex index, Compilation? compilation, Dictionary<ISymbol, NonUtcFinding?> memberMemo)
        {
            this.symbols = symbols;
            this.index = index;
            this.compilation = compilation;
            this.memberMemo = memberMemo;
        }

        public NonUtcFinding? Classify(IOperation? operation)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            switch (operation)
            {
                case IConversionOperation conversion when symbols.IsDateTime(conversion.Operand.Type) || symbols.IsNullableDateTime(conversion.Operand.Type):
                    return Classify(conversion.Operand);
                case IParenthesizedOperation parenthesized:
                    return Classify(parenthesized.Operand);
                case IPropertyReferenceOperation property:
                    return ClassifyProperty(property);
                case IInvocationOperation invocation:
                    return ClassifyInvocation(invocation);
                case IObjectCreationOperation creation when symbols.IsDateTime(creation.Type):
                    return ClassifyConstructor(creation);
                case IBinaryOperation binary when symbols.IsDateTime(binary.Type) && symbols.IsDateTime(binary.LeftOperand.Type):
                    return Classify(binary.LeftOperand);
                case IConditionalOperation conditional:
                    return Classify(conditional.WhenTrue) is { } whenTrue && Classify(conditional.WhenFalse) is not null ? whenTrue : null;
                case ICoalesceOperation coalesce:
                    // `response.CreatedAt?.DateTime ?? DateTime.UtcNow`: whenever the left side has a value the sink gets
                    // that value, so a left side certainly not UTC is the span's time each time it is present; the
                    // fallback is used only without one and decides nothing. (A `?:` still needs both arms: which arm
                    // runs is the condition's business, and an arm may be dead.)
                    return Classify(coalesce.Value);
                case IConditionalAccessOperation access:
                    // `created?.DateTime`: null (no Kind) or the member read on the value, whose Kind decides.
                    return Classify(access.WhenNotNull);
                case ILocalReferenceOperation local:
                    return ClassifyLocal(local.Local);
                case IFieldReferenceOperation field when field.Field.IsReadOnly && symbols.IsDateTime(field.Field.Type):
                    return ClassifyReadOnlyMember(field.Field.OriginalDefinition, field);
                case IFieldReferenceOperation field when field.Field.DeclaredAccessibility == Accessibility.Private && IsStamp(field.Field.Type):
                    return ClassifyPrivateMember(field.Field.OriginalDefinition);
                default:
                    return null;
            }
        }

        private NonUtcFinding? ClassifyProperty(IPropertyReferenceOperation property)
        {
            var type = property.Property.ContainingType;
            if (LocalTimeProperty(property) is { } local)
            {
                return local;
            }

            if (property.Instance is ILocalReferenceOperation owner && FromLocalObjectInitializer(property, owner) is { } initialized)
            {
                return initialized;
            }

            if (property.Property.IsReadOnly && symbols.IsDateTime(property.Property.Type) && IsAutoProperty(property.Property) && !Overridable(property.Property))
            {
                return ClassifyReadOnlyMember(property.Property.OriginalDefinition, property);
            }

            if (WrittenOnlyByItsType(property.Property) && IsStamp(property.Property.Type) && IsAutoProperty(property.Property)
                && (property.Property.DeclaredAccessibility == Accessibility.Private || property.Instance is null or IInstanceReferenceOperation))
            {
                return ClassifyPrivateMember(property.Property.OriginalDefinition);
            }

            if (property.Property.Name == "Value" && symbols.IsNullableDateTime(type))
            {
                // stamp.Value: the Kind of whatever was stored (a null write is of no Kind, so it keeps the member silent).
                return Classify(property.Instance);
            }

            if (symbols.IsDateTime(type))
            {
                switch (property.Property.Name)
                {
                    case "Now" when property.Instance is null:
                        return new NonUtcFinding("DateTime.Now (Kind Local)", property, NonUtcShape.Now);
                    case "Today" when property.Instance is null:
                        return new NonUtcFinding("DateTime.Today (Kind Local)", property, NonUtcShape.Today);
                    case "Date":
                        return Classify(property.Instance);
                }
            }
            else if (symbols.IsDateTimeOffset(type))
            {
                switch (property.Property.Name)
                {
                    case "DateTime":
                        return new NonUtcFinding("DateTimeOffset.DateTime (Kind Unspecified)", property, NonUtcShape.OffsetDateTime);
                    case "LocalDateTime":
                        return new NonUtcFinding("DateTimeOffset.LocalDateTime (Kind Local)", property, NonUtcShape.OffsetLocalDateTime);
                }
            }
            else if (property.Property.IsReadOnly && property.Property.GetMethod is { } getter && !IsAutoProperty(property.Property) && !Overridable(property.Property))
            {
                // `public static DateTime Now => DateTime.Now;` of the app's clock class.
                return ClassifyReturns(getter, property, type.Name + "." + property.Property.Name);
            }

            return null;
        }

        private NonUtcFinding? ClassifyInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (LocalTimeMethod(invocation) is { } local)
            {
                return local;
            }

            if (ClassifyZoneConversion(invocation) is { } zoned)
            {
                return zoned;
            }

            if (method.Name == "GetValueOrDefault" && method.Parameters.IsEmpty && symbols.IsNullableDateTime(method.ContainingType))
            {
                return Classify(invocation.Instance);
            }

            if (!symbols.IsDateTime(method.ContainingType) || !symbols.IsDateTime(method.ReturnType))
            {
                // `clock.Now()` of the app's own clock class: what its body returns.
                return method.ContainingType is { } owner ? ClassifyReturns(method, invocation, owner.Name + "." + method.Name + "()") : null;
            }

            if (!method.IsStatic)
            {
                // Instance methods returning DateTime (AddMinutes, Add, Subtract(TimeSpan)) keep the Kind.
                return method.Name switch
                {
                    "ToLocalTime" => new NonUtcFinding("ToLocalTime() (Kind Local)", invocation, NonUtcShape.ToLocalTime),
                    "ToUniversalTime" => null,
                    _ => Classify(invocation.Instance),
                };
            }

            switch (method.Name)
            {
                case "Parse":
                case "ParseExact":
                    return ParseWithoutAdjustToUniversal(invocation)
                        ? new NonUtcFinding("DateTime." + method.Name + " without DateTimeStyles.AdjustToUniversal (Kind Local or Unspecified)", invocation, NonUtcShape.Parse)
                        : null;
                case "SpecifyKind":
                    return KindArgument(invocation.Arguments, out var kind) && kind != "Utc"
                        ? new NonUtcFinding("DateTime.SpecifyKind(..., DateTimeKind." + kind + ")", invocation, NonUtcShape.SpecifyKind)
                        : null;
                case "FromFileTime":
                    return new NonUtcFinding("DateTime.FromFileTime (Kind Local)", invocation, NonUtcShape.Other);
                case "FromOADate":
                    return new NonUtcFinding("DateTime.FromOADate (Kind Unspecified)", invocation, NonUtcShape.Other);
                default:
                    return null;
            }
        }

        /// <summary>
        /// Framework members that return local time: <c>Process.StartTime</c> / <c>ExitTime</c> (the dotnet CLI once
        /// backdated its main span with the first, which SetStartTime ignored) and a file's <c>CreationTime</c>,
        /// <c>LastWriteTime</c>, <c>LastAccessTime</c>, each of which has a <c>...Utc</c> twin.
        /// </summary>
        private NonUtcFinding? LocalTimeProperty(IPropertyReferenceOperation property)
        {
            var member = property.Property;
            if (member.IsStatic || !symbols.IsDateTime(member.Type))
            {
                return null;
            }

            if (Is(member.ContainingType, symbols.Process) && (member.Name == "StartTime" || member.Name == "ExitTime"))
            {
                return new NonUtcFinding("Process." + member.Name + " (Kind Local)", property, NonUtcShape.LocalTime);
            }

            return IsFileTime(member.Name) && InheritsFrom(member.ContainingType, symbols.FileSystemInfo)
                ? new NonUtcFinding("FileSystemInfo." + member.Name + " (Kind Local)", property, NonUtcShape.LocalWithUtcTwin)
                : null;
        }

        /// <summary><c>File.GetLastWriteTime(path)</c> and the other local-time getters of File and Directory; <c>Convert.ToDateTime(string)</c>, which parses like DateTime.Parse.</summary>
        private NonUtcFinding? LocalTimeMethod(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (!method.IsStatic || !symbols.IsDateTime(method.ReturnType))
            {
                return null;
            }

            if ((Is(method.ContainingType, symbols.File) || Is(method.ContainingType, symbols.Directory))
                && method.Name.StartsWith("Get", System.StringComparison.Ordinal) && IsFileTime(method.Name.Substring(3)))
            {
                return new NonUtcFinding(method.ContainingType.Name + "." + method.Name + " (Kind Local)", invocation, NonUtcShape.LocalWithUtcTwin);
            }

            return Is(method.ContainingType, symbols.Convert) && method.Name == "ToDateTime"
                && method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String
                ? new NonUtcFinding("Convert.ToDateTime (parses like DateTime.Parse: Kind Local or Unspecified)", invocation, NonUtcShape.Other)
                : null;
        }

        private static bool IsFileTime(string name) => name == "CreationTime" || name == "LastWriteTime" || name == "LastAccessTime";

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) => known != null && SymbolEqualityComparer.Default.Equals(type, known);

        private static bool InheritsFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
        {
            for (var current = type; current != null && baseType != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A get-only auto-property declared in source (<c>public DateTime StartedAt { get; } = DateTime.Now;</c>): written only where a read-only field is.</summary>
        private static bool IsAutoProperty(IPropertySymbol property)
        {
            if (property.DeclaringSyntaxReferences.Length != 1
                || !(property.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax declaration)
                || declaration.AccessorList == null)
            {
                return false;
            }

            foreach (var accessor in declaration.AccessorList.Accessors)
            {
                if (accessor.Body != null || accessor.ExpressionBody != null)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A read-only field or get-only auto-property of this compilation (<c>static readonly DateTime MainTimeStamp</c>
        /// set to <c>DateTime.Now</c> in the static constructor): non-UTC when its initializer and every assignment in the
        /// type's constructors are. Without a write (the default value) or with one that cannot be seen, nothing is reported.
        /// </summary>
        private NonUtcFinding? ClassifyReadOnlyMember(ISymbol member, IOperation read)
        {
            if (compilation == null
                || !SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly)
                || member.DeclaringSyntaxReferences.Length != 1
                || member.ContainingType is not { } type)
            {
                return null;
            }

            if (memberMemo.TryGetValue(member, out var known))
            {
                return known;
            }

            memberMemo[member] = null;
            var writes = new List<IOperation>();
            var complete = CollectMemberWrites(member, ConstructorBodies(member, type), writes);
            var result = complete ? FromEveryWrite(member.Name, writes, ClassifyWrite) : null;
            memberMemo[member] = result;
            return result;
        }

        /// <summary>
        /// A private field, or an auto-property whose setter is private (<c>private DateTime started;</c> set to
        /// <c>DateTime.Now</c> in <c>Begin()</c> and read in <c>Dispose()</c> to stamp the span): only code of its own type
        /// can write it, so its initializer and the assignments in the type's declarations are every write. It is
        /// non-UTC when each of them is; before the first write it holds <c>default(DateTime)</c>, whose Kind is
        /// Unspecified, which SetStartTime ignores as well. A member with an attribute is left alone: a serializer or an
        /// ORM (<c>[DataMember]</c>, <c>[JsonProperty]</c>, <c>[Column]</c>) may fill it with a value of any Kind.
        /// </summary>
        private NonUtcFinding? ClassifyPrivateMember(ISymbol member)
        {
            if (compilation == null
                || !SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly)
                || member.DeclaringSyntaxReferences.Length != 1
                || !member.GetAttributes().IsEmpty
                || member.ContainingType is not { } type)
            {
                return null;
            }

            if (memberMemo.TryGetValue(member, out var known))
            {
                return known;
            }

            memberMemo[member] = null;
            var bodies = new List<SyntaxNode>();
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                bodies.Add(reference.GetSyntax());
            }

            var writes = new List<IOperation>();
            var result = CollectMemberWrites(member, bodies, writes)
                ? FromEveryWrite(member.Name, writes, ClassifyWrite)
                : null;
            memberMemo[member] = result;
            return result;
        }

        /// <summary>
        /// A clock of the project (<c>public static DateTime Now =&gt; DateTime.Now;</c>, <c>public DateTime Now() =&gt;
        /// DateTime.Now;</c> called on the class itself): an ordinary method or computed get-only property of this
        /// compilation that no other body can replace (not virtual, abstract, an override, an interface member or an
        /// explicit implementation), whose every return is non-UTC. Read through an interface (<c>IClock.Now()</c>) the
        /// body that runs is not known (a test or another host may inject another clock), so it is not followed. The
        /// finding points at the call, with no automatic fix: changing the clock would change every other caller, such
        /// as a page that shows local time.
        /// </summary>
        private NonUtcFinding? ClassifyReturns(IMethodSymbol method, IOperation read, string name)
        {
            method = method.OriginalDefinition;
            if (compilation == null
                || !symbols.IsDateTime(method.ReturnType)
                || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
                || !method.ExplicitInterfaceImplementations.IsEmpty
                || method.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct }
                || !(method.MethodKind == MethodKind.Ordinary || method.MethodKind == MethodKind.PropertyGet)
                || !AiLint.Analyzers.LlmCalls.SourceBodies.IsInSource(method, compilation))
            {
                return null;
            }

            if (!memberMemo.TryGetValue(method, out var known))
            {
                // A recursive clock is of no known Kind while its answer is computed.
                memberMemo[method] = null;
                known = FromEveryWrite(name, Returns(method), ClassifyWrite);
                memberMemo[method] = known;
            }

            // `session.StartedAt => _startedAt` read off another instance returns what was stored in that instance,
            // perhaps by an ORM (EF Core fills backing fields by convention): only its own type's reads are followed.
            if (known != null && !method.IsStatic && !(ReceiverOf(read) is null or IInstanceReferenceOperation) && ReadsOwnState(Returns(method)))
            {
                return null;
            }

            return known is { } found
                ? new NonUtcFinding("'" + name + "' (returns " + Inner(found.Description) + ")", read, NonUtcShape.Other)
                : null;
        }

        private List<IOperation> Returns(IMethodSymbol method) => AiLint.Analyzers.LlmCalls.SourceBodies.ReturnedValues(method, compilation!, default);

        private static IOperation? ReceiverOf(IOperation read) => read switch
        {
            IInvocationOperation invocation => invocation.Instance,
            IPropertyReferenceOperation property => property.Instance,
            _ => null,
        };

        /// <summary>Whether a returned value reads a field or property of the instance (<c>_startedAt</c>, <c>this.Started</c>).</summary>
        private static bool ReadsOwnState(List<IOperation> returns)
        {
            foreach (var value in returns)
            {
                foreach (var operation in value.DescendantsAndSelf())
                {
                    if (operation is IMemberReferenceOperation { Instance: IInstanceReferenceOperation })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The description of the returned value, without the "'name' (from ...)" wrapper FromEveryWrite adds.</summary>
        private static string Inner(string description)
        {
            var from = description.IndexOf(" (from ", System.StringComparison.Ordinal);
            return from >= 0 && description.EndsWith(")", System.StringComparison.Ordinal)
                ? description.Substring(from + 7, description.Length - from - 8)
                : description;
        }


        /// <summary>
        /// A property a derived type may override (<c>public virtual DateTime StartedAt { get; } = DateTime.Now;</c> with
        /// <c>public override DateTime StartedAt =&gt; DateTime.UtcNow;</c>): a read may run the override, so the writes of
        /// this declaration are not every value the read can return.
        /// </summary>
        private static bool Overridable(IPropertySymbol property) =>
            (property.IsVirtual || property.IsAbstract || property.IsOverride) && !property.IsSealed && property.ContainingType is not { IsSealed: true };

        private bool IsStamp(ITypeSymbol type) => symbols.IsDateTime(type) || symbols.IsNullableDateTime(type);

        /// <summary>
        /// A property only its own type can set: private, or with a private setter (or private init). A visible property
        /// with a private setter is followed only where the type reads its own (<c>this.Finished</c> in <c>Dispose()</c>):
        /// read off another instance (<c>session.StartedAt</c> of an entity loaded from a database) it may hold what an ORM
        /// put there, since EF Core maps private setters by convention, with the Kind its value converter gives.
        /// </summary>
        private static bool WrittenOnlyByItsType(IPropertySymbol property) =>
            property.SetMethod is { } setter
            && (property.DeclaredAccessibility == Accessibility.Private || setter.DeclaredAccessibility == Accessibility.Private)
            && !property.IsAbstract && !property.IsVirtual && !property.IsOverride && property.ExplicitInterfaceImplementations.IsEmpty;

        /// <summary>Classifies a member write in the context of its own member (the writes of that member's locals).</summary>
        private NonUtcFinding? ClassifyWrite(IOperation write)
        {
            var root = write;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            return new DateTimeKindClassifier(symbols, new LocalValueIndex(new[] { root }), compilation, memberMemo).Classify(write);
        }

        private static IEnumerable<SyntaxNode> ConstructorBodies(ISymbol member, INamedTypeSymbol type)
        {
            var constructors = member.IsStatic ? type.StaticConstructors : type.InstanceConstructors;
            foreach (var constructor in constructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    yield return reference.GetSyntax();
                }
            }
        }

        /// <summary>
        /// The initializer of a member and its simple assignments inside <paramref name="bodies"/>; false when it is also
        /// written some other way there (compound assignment, ref/out, a deconstruction, a ref alias).
        /// </summary>
        private bool CollectMemberWrites(ISymbol member, IEnumerable<SyntaxNode> bodies, List<IOperation> writes)
        {
            var declaration = member.DeclaringSyntaxReferences[0].GetSyntax();
            var initializer = declaration switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property => property.Initializer?.Value,
                _ => null,
            };
            if (initializer != null && SourceBodies(initializer) is { } initializerModel && initializerModel.GetOperation(initializer) is { } initialValue)
            {
                writes.Add(initialValue);
            }

            foreach (var body in bodies)
            {
                if (SourceBodies(body) is not { } model)
                {
                    continue;
                }

                foreach (var node in body.DescendantNodes())
                {
                    if (!(node is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax id) || id.Identifier.ValueText != member.Name
                        || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id).Symbol?.OriginalDefinition, member))
                    {
                        continue;
                    }

                    var target = id.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access && access.Name == id ? (Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax)access : id;
                    if (target.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax assignment && assignment.Left == target)
                    {
                        if (!assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression)
                            || model.GetOperation(assignment.Right) is not { } value)
                        {
                            return false;
                        }

                        writes.Add(value);
                    }
                    else if (target.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None)
                        || target.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.TupleExpressionSyntax
                        || target.Parent?.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.TupleExpressionSyntax
                        || target.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.RefExpressionSyntax
                        || target.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.PrefixUnaryExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.AddressOfExpression })
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private SemanticModel? SourceBodies(SyntaxNode node) =>
            compilation != null && compilation.ContainsSyntaxTree(node.SyntaxTree)
                ? AiLint.Analyzers.LlmCalls.SourceBodies.GetSemanticModel(compilation, node.SyntaxTree)
                : null;

        private NonUtcFinding? ClassifyConstructor(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.DateTimeKind))
                {
                    return KindArgument(creation.Arguments, out var kind) && kind != "Utc"
                        ? new NonUtcFinding("new DateTime(...) with DateTimeKind." + kind, creation, NonUtcShape.Constructor)
                        : null;
                }
            }

            return new NonUtcFinding("new DateTime(...) without DateTimeKind.Utc (Kind Unspecified)", creation, NonUtcShape.Constructor);
        }

        private NonUtcFinding? ClassifyLocal(ILocalSymbol local)
        {
            if (memo.TryGetValue(local, out var known))
            {
                return known;
            }

            memo[local] = null;
            var result = FromEveryWrite(
                local.Name,
                index.GetWrites(local),
                write => write is IArgumentOperation { Parent: IInvocationOperation tryParse } ? ClassifyTryParse(tryParse) : Classify(write));
            memo[local] = result;
            return result;
        }

        /// <summary>
        /// A variable (local, read-only field or get-only property) is non-UTC when every write to it is: the finding is
        /// named after it and points at its first write's origin. One write of unknown or Utc Kind, or no write at all,
        /// is enough to stay silent.
        /// </summary>
        private static NonUtcFinding? FromEveryWrite(string name, IEnumerable<IOperation> writes, System.Func<IOperation, NonUtcFinding?> classify)
        {
            NonUtcFinding? first = null;
            foreach (var write in writes)
            {
                if (classify(write) is not { } finding)
                {
                    return null;
                }

                first ??= finding;
            }

            return first is { } found
                ? new NonUtcFinding("'" + name + "' (from " + found.Description + ")", found.Origin, found.Shape)
                : null;
        }

        private NonUtcFinding? ClassifyTryParse(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            return method.IsStatic && symbols.IsDateTime(method.ContainingType) && (method.Name == "TryParse" || method.Name == "TryParseExact")
                && ParseWithoutAdjustToUniversal(invocation)
                ? new NonUtcFinding("DateTime." + method.Name + " without DateTimeStyles.AdjustToUniversal (Kind Local or Unspecified)", invocation, NonUtcShape.Parse)
                : null;
        }

        /// <summary>True when the parse call has no styles argument, or a constant one without AdjustToUniversal (and without RoundtripKind, whose Kind depends on the text).</summary>
        private bool ParseWithoutAdjustToUniversal(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.DateTimeStyles))
                {
                    if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                    {
                        return true;
                    }

                    var value = argument.Value.ConstantValue;
                    if (!value.HasValue || value.Value is null)
                    {
                        return false;
                    }

                    var styles = System.Convert.ToInt32(value.Value, CultureInfo.InvariantCulture);
                    return (styles & (AdjustToUniversal | RoundtripKind)) == 0;
                }
            }

            return true;
        }

        private bool KindArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, out string kind)
        {
            kind = string.Empty;
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.DateTimeKind))
                {
                    var value = argument.Value.ConstantValue;
                    if (!value.HasValue || value.Value is null)
                    {
                        return false;
                    }

                    kind = System.Convert.ToInt32(value.Value, CultureInfo.InvariantCulture) switch
                    {
                        1 => "Utc",
                        2 => "Local",
                        _ => "Unspecified",
                    };
                    return true;
                }
            }

            return false;
        }
    }
}
