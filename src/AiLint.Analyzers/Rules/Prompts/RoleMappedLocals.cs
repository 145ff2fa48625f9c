using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// An adapter from the app's own message record to the SDK's, with the role mapped into a local first (review63 N4,
    /// Codewrinkles): <c>var role = message.Role switch { MessageRole.System =&gt; AuthorRole.System, MessageRole.User =&gt;
    /// AuthorRole.User, ... }; history.Add(new ChatMessageContent(role, message.Content));</c>. The system turns of that
    /// record reach the system slot, exactly as in the adapter that writes the SDK's system message in the switch arm
    /// itself (<c>MessageRole.System =&gt; new SystemChatMessage(m.Content)</c>), which is already read: the message's text
    /// is then followed to the writes of the record, where only the ones with the System role, or text that instructs,
    /// are prompts (<see cref="TurnRoles"/>, <see cref="PromptFlow.ResolveHolder"/>).
    /// </summary>
    internal static class RoleMappedLocals
    {
        /// <summary>
        /// Whether the argument <paramref name="roleParameter"/> is a <c>switch</c> expression (or <c>?:</c>), written there
        /// or as the initializer of a local, over a role member of a message, with an arm that maps the message's System (or Developer) role to
        /// the SDK's instruction role of <paramref name="roleType"/>, and the argument <paramref name="contentParameter"/>
        /// reads a member of that same message.
        /// </summary>
        public static bool MapsInstructions(ImmutableArray<IArgumentOperation> arguments, string roleParameter, string contentParameter, INamedTypeSymbol? roleType)
        {
            if (roleType == null)
            {
                return false;
            }

            IOperation? role = null;
            IOperation? content = null;
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == roleParameter)
                {
                    role = argument.Value;
                }
                else if (argument.Parameter?.Name == contentParameter && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    content = argument.Value;
                }
            }

            if (role == null || content == null || !(MessageRead(content) is { } message))
            {
                return false;
            }

            // The mapping in a local (`var role = message.Role switch { ... };`) or written at the argument itself.
            var mapping = KnownPromptSymbols.Unwrap(role) is ILocalReferenceOperation local ? Initializer(local) : role;
            switch (mapping == null ? null : KnownPromptSymbols.Unwrap(mapping))
            {
                case ISwitchExpressionOperation choice when RoleMemberOf(choice.Value) is { } governed && SameSymbol(governed, message):
                    foreach (var arm in choice.Arms)
                    {
                        if (arm.Guard == null
                            && arm.Pattern is IConstantPatternOperation constant
                            && TurnRoles.Classify(constant.Value) == TurnRole.Instructions
                            && IsInstructionRole(arm.Value, roleType))
                        {
                            return true;
                        }
                    }

                    return false;

                // `message.Role == MessageRole.System ? AuthorRole.System : AuthorRole.User`
                case IConditionalOperation { Condition: IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } test } conditional
                    when IsInstructionRole(conditional.WhenTrue, roleType):
                    return (RoleMemberOf(test.LeftOperand) is { } left && SameSymbol(left, message) && TurnRoles.Classify(test.RightOperand) == TurnRole.Instructions)
                        || (RoleMemberOf(test.RightOperand) is { } right && SameSymbol(right, message) && TurnRoles.Classify(test.LeftOperand) == TurnRole.Instructions);

                default:
                    return false;
            }
        }

        /// <summary><c>AuthorRole.System</c> / <c>ChatRole.Developer</c>: the SDK's role for the app's instructions.</summary>
        private static bool IsInstructionRole(IOperation? value, INamedTypeSymbol roleType) =>
            value != null
            && KnownPromptSymbols.Unwrap(value) is IPropertyReferenceOperation { Property: { IsStatic: true } property }
            && (property.Name == "System" || property.Name == "Developer")
            && KnownPromptSymbols.Is(property.ContainingType, roleType);

        /// <summary>The message whose role member is read (<c>message.Role</c>, <c>m.MessageRole</c>): the local or parameter it is read on.</summary>
        private static ISymbol? RoleMemberOf(IOperation value)
        {
            var (member, instance) = MemberRead(value);
            return member != null && IsRoleMember(member) ? instance : null;
        }

        /// <summary>The message whose member the content argument reads (<c>message.Content</c>).</summary>
        private static ISymbol? MessageRead(IOperation value) => MemberRead(value).Instance;

        private static (ISymbol? Member, ISymbol? Instance) MemberRead(IOperation value)
        {
            var (member, instance) = KnownPromptSymbols.Unwrap(value) switch
            {
                IPropertyReferenceOperation { Property: { IsStatic: false }, Arguments: { IsEmpty: true } } property => ((ISymbol)property.Property, property.Instance),
                IFieldReferenceOperation { Field: { IsStatic: false } } field => (field.Field, field.Instance),
                _ => (null, null),
            };
            if (member == null || instance == null)
            {
                return (null, null);
            }

            ISymbol? owner = KnownPromptSymbols.Unwrap(instance) switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };
            return (member, owner);
        }

        /// <summary>A member that says whose turn the message is: named <c>Role</c>/<c>*Role</c>, or typed as a role enum.</summary>
        private static bool IsRoleMember(ISymbol member)
        {
            var type = member switch
            {
                IPropertySymbol property => property.Type,
                IFieldSymbol field => field.Type,
                _ => null,
            };
            return member.Name.EndsWith("role", StringComparison.OrdinalIgnoreCase)
                || (type is { TypeKind: TypeKind.Enum } && type.Name.EndsWith("Role", StringComparison.Ordinal));
        }

        private static bool SameSymbol(ISymbol first, ISymbol second) => SymbolEqualityComparer.Default.Equals(first, second);

        /// <summary>The initializer of a local declared once and never assigned again in its block.</summary>
        private static IOperation? Initializer(ILocalReferenceOperation reference)
        {
            var local = reference.Local;
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax declarator)
                || declarator.Initializer == null
                || declarator.SyntaxTree != reference.Syntax.SyntaxTree
                || reference.SemanticModel == null)
            {
                return null;
            }

            var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax || n is ArrowExpressionClauseSyntax || n is CompilationUnitSyntax);
            if (scope == null)
            {
                return null;
            }

            foreach (var node in scope.DescendantNodes())
            {
                if (node is IdentifierNameSyntax id && id.Identifier.ValueText == local.Name && PromptFlow.IsReassigned(id))
                {
                    return null;
                }
            }

            return reference.SemanticModel.GetOperation(declarator.Initializer.Value);
        }
    }
}
