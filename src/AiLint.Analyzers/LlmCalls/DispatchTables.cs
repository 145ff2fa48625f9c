using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.Rules.Retry;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Dispatch through a table of a class's own methods, the usual command or queue-message dispatch:
    /// <c>_handlers[message.Action](message, ct)</c>, or <c>if (_handlers.TryGetValue(action, out var handler)) await
    /// handler(message, ct);</c>, where <c>_handlers</c> is a private <c>readonly</c> field (or get-only auto-property)
    /// given <c>new Dictionary&lt;K, Func&lt;...&gt;&gt; { ["chat"] = HandleChatAsync, ... }</c> (or
    /// <c>{ { "chat", HandleChatAsync } }</c>) in its declaration or constructor. Such a delegate call runs one of the
    /// method groups of the table, so the call graph counts it as a call of each of them.
    /// </summary>
    /// <remarks>
    /// The table must be filled only there: a table its type writes anywhere else (<c>_handlers[key] = handler</c>,
    /// <c>_handlers.Add(...)</c>), hands on, or copies may hold any delegate, and is not followed. Only its reads
    /// (indexer, <c>TryGetValue</c>, <c>ContainsKey</c>, <c>GetValueOrDefault</c>, <c>Keys</c>, <c>Values</c>,
    /// <c>Count</c>) are allowed. Lambda values are not followed (a lambda that calls a method of the class is not read as
    /// that method). Each table is read once per compilation.
    /// </remarks>
    internal static class DispatchTables
    {
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ISymbol, ImmutableArray<IMethodSymbol>>> Cache = new();

        private static readonly HashSet<string> ReadingMethods = new(StringComparer.Ordinal) { "TryGetValue", "ContainsKey", "GetValueOrDefault", "ContainsValue" };

        private static readonly HashSet<string> ReadingProperties = new(StringComparer.Ordinal) { "Keys", "Values", "Count" };

        /// <summary>
        /// The methods of the compilation a delegate call may run when its delegate is read from such a table; empty for
        /// any other call.
        /// </summary>
        public static ImmutableArray<IMethodSymbol> MethodsCalled(IInvocationOperation call, Compilation compilation, CancellationToken cancellationToken)
        {
            if (call.TargetMethod.MethodKind != MethodKind.DelegateInvoke || call.Instance is null || TableRead(call.Instance) is not { } table)
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            var known = Cache.GetValue(compilation, _ => new ConcurrentDictionary<ISymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default));
            return known.GetOrAdd(table.OriginalDefinition, member => Entries(member, compilation, cancellationToken));
        }

        /// <summary>The table a delegate is read from: an indexer read, or a local written only by reads of one table.</summary>
        private static ISymbol? TableRead(IOperation delegateValue)
        {
            switch (ValueOrigins.Unwrap(delegateValue))
            {
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } owner }:
                    return Member(owner);
                case IInvocationOperation { TargetMethod.Name: "GetValueOrDefault" } lookup:
                    return Member(lookup.Instance ?? lookup.Arguments.FirstOrDefault()?.Value);
                case ILocalReferenceOperation local:
                    return LocalTable(local);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The table every write of the local reads from (<c>out var handler</c> of <c>TryGetValue</c>, <c>var handler =
        /// _handlers[key]</c>); null when a write is anything else.
        /// </summary>
        private static ISymbol? LocalTable(ILocalReferenceOperation reference)
        {
            var root = (IOperation)reference;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            ISymbol? table = null;
            var writes = 0;
            foreach (var operation in root.Descendants())
            {
                ISymbol? read;
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                        if (declarator.GetVariableInitializer() is not { } initializer)
                        {
                            continue;
                        }

                        read = TableRead(initializer.Value);
                        break;
                    case IAssignmentOperation assignment when ValueOrigins.Unwrap(assignment.Target) is ILocalReferenceOperation target
                        && SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                        read = assignment is ISimpleAssignmentOperation ? TableRead(assignment.Value) : null;
                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument when WrittenLocal(argument.Value) is { } written
                        && SymbolEqualityComparer.Default.Equals(written, reference.Local):
                        read = argument.Parent is IInvocationOperation { TargetMethod.Name: "TryGetValue" } lookup ? Member(lookup.Instance) : null;
                        break;
                    default:
                        continue;
                }

                writes++;
                if (read is null || (table is not null && !SymbolEqualityComparer.Default.Equals(table, read)))
                {
                    return null;
                }

                table = read;
            }

            return writes > 0 ? table : null;
        }

        private static ILocalSymbol? WrittenLocal(IOperation value) => ValueOrigins.Unwrap(value) switch
        {
            ILocalReferenceOperation local => local.Local,
            IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
            _ => null,
        };

        /// <summary>A field or non-indexer property of this instance or of its type.</summary>
        private static ISymbol? Member(IOperation? owner) => owner is null ? null : ValueOrigins.Unwrap(owner) switch
        {
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
            IPropertyReferenceOperation { Property.IsIndexer: false, Instance: null or IInstanceReferenceOperation } property => property.Property,
            _ => null,
        };

        /// <summary>The method groups of the member's own type its single construction value lists (see the remarks).</summary>
        private static ImmutableArray<IMethodSymbol> Entries(ISymbol member, Compilation compilation, CancellationToken cancellationToken)
        {
            if (member.DeclaredAccessibility != Accessibility.Private || member.DeclaringSyntaxReferences.Length != 1
                || !SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly)
                || ConstructionValue(member, compilation, cancellationToken) is not IObjectCreationOperation { Initializer: { } initializer }
                || UsedOtherThanRead(member, compilation, cancellationToken))
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            var methods = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var entry in initializer.Initializers)
            {
                var value = entry switch
                {
                    ISimpleAssignmentOperation assignment => assignment.Value, // ["chat"] = HandleChatAsync
                    IInvocationOperation add => add.Arguments.LastOrDefault()?.Value, // { "chat", HandleChatAsync }
                    _ => null,
                };
                if (value is not null && ValueOrigins.Unwrap(value) is IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: var method } }
                    && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, member.ContainingType?.OriginalDefinition)
                    && SourceBodies.IsInSource(method, compilation))
                {
                    methods.Add(method.OriginalDefinition);
                }
            }

            return methods.ToImmutable();
        }

        /// <summary>The one value a readonly field or get-only auto-property gets in its declaration or constructors.</summary>
        private static IOperation? ConstructionValue(ISymbol member, Compilation compilation, CancellationToken cancellationToken)
        {
            IOperation? value;
            switch (member)
            {
                case IFieldSymbol { IsReadOnly: true } field:
                    value = SourceFieldValues.Of(field, compilation, cancellationToken);
                    break;
                case IPropertySymbol { SetMethod: null, GetMethod: not null } property
                    when property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is PropertyDeclarationSyntax
                    {
                        ExpressionBody: null, AccessorList: { } accessors,
                    } declaration
                    && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null):
                    var initialized = declaration.Initializer is { } initializer
                        ? (SourceBodies.GetOperation(initializer, compilation, cancellationToken) as IPropertyInitializerOperation)?.Value
                        : null;
                    value = SourceFieldValues.OnlyConstructionWrite(property, initialized, compilation, cancellationToken);
                    break;
                default:
                    return null;
            }

            return value is null ? null : ValueOrigins.Unwrap(value);
        }

        /// <summary>
        /// Whether the member's type does anything with it but read it (see the remarks) or give it its value: every
        /// reference to it in its type's declarations is bound and looked at.
        /// </summary>
        private static bool UsedOtherThanRead(ISymbol member, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var name in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (name.Identifier.ValueText != member.Name)
                    {
                        continue;
                    }

                    SyntaxNode node = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                    var operation = SourceBodies.GetOperation(node, compilation, cancellationToken);
                    var referenced = operation switch
                    {
                        IFieldReferenceOperation field => (ISymbol)field.Field,
                        IPropertyReferenceOperation property => property.Property,
                        _ => null,
                    };
                    if (referenced is not null && SymbolEqualityComparer.Default.Equals(referenced.OriginalDefinition, member.OriginalDefinition)
                        && !IsReadOrInitialWrite(operation!))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsReadOrInitialWrite(IOperation reference)
        {
            var current = reference;
            while (current.Parent is IConversionOperation { IsImplicit: true } conversion)
            {
                current = conversion;
            }

            switch (current.Parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Target == current:
                    return true;
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == current:
                    return !IsWritten(indexer);
                case IPropertyReferenceOperation property when property.Instance == current:
                    return ReadingProperties.Contains(property.Property.Name);
                case IInvocationOperation call when call.Instance == current:
                    return ReadingMethods.Contains(call.TargetMethod.Name);
                case IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } call }:
                    return ReadingMethods.Contains(call.TargetMethod.Name);
                default:
                    return false;
            }
        }

        /// <summary><c>_handlers[key] = ...</c>, <c>+=</c>, <c>??=</c>, or a ref to the element.</summary>
        private static bool IsWritten(IOperation element) => element.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == element,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation { Parameter.RefKind: not RefKind.None } => true,
            _ => false,
        };
    }
}
