// DateTimeKindClassifier: read-only and private fields and properties of the project, followed to every write (initializer, constructor and type assignments).
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Spans
{
    internal sealed partial class DateTimeKindClassifier
    {
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
        /// A property a derived type may override (<c>public virtual DateTime StartedAt { get; } = DateTime.Now;</c> with
        /// <c>public override DateTime StartedAt =&gt; DateTime.UtcNow;</c>): a read may run the override, so the writes of
        /// this declaration are not every value the read can return.
        /// </summary>
        private static bool Overridable(IPropertySymbol property) =>
            (property.IsVirtual || property.IsAbstract || property.IsOverride) && !property.IsSealed && property.ContainingType is not { IsSealed: true };

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
    }
}
