using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>The chat role a write gives the turn it fills, as far as the same write shows it.</summary>
    internal enum TurnRole
    {
        /// <summary>No role is given next to the text, or it is not a chat role (a persona such as "Researcher").</summary>
        Unknown,

        /// <summary><c>"system"</c>, <c>"developer"</c>, <c>ChatRole.System</c>, <c>AuthorRole.Developer</c>: the app's instructions.</summary>
        Instructions,

        /// <summary><c>"user"</c>, <c>"assistant"</c>, <c>ChatRole.User</c>, <c>Speaker.Assistant</c>: a turn of the conversation.</summary>
        ConversationTurn,
    }

    /// <summary>
    /// Apps that store the conversation keep turns of every role in one shape (<c>new StoredMessage { Role = "user",
    /// Content = ... }</c>, <c>new Turn(Speaker.User, ...)</c>, <c>session.Add("user", ...)</c>) and replay the system one
    /// into a system slot, so the text property or parameter a slot reads is written with user and assistant turns too.
    /// This reads the role given next to one such write: the sibling argument, initializer member, or statement on the
    /// same local whose name (or type name) ends with "Role".
    /// </summary>
    internal static class TurnRoles
    {
        private static readonly string[] InstructionRoles = { "system", "developer" };

        // Chat roles of the SDKs and of Gemini/LangChain-style transcripts. Anything else ("Researcher", "Billing
        // specialist") is an agent's persona, not a turn's author.
        private static readonly string[] ConversationRoles = { "user", "assistant", "tool", "function", "human", "ai", "bot", "model" };

        /// <summary>The role given next to <paramref name="written"/>, a value recorded as an argument or a property assignment.</summary>
        public static TurnRole Of(IOperation written)
        {
            switch (written.Parent)
            {
                case IArgumentOperation argument:
                    return argument.Parent switch
                    {
                        IInvocationOperation invocation => FromArguments(invocation.Arguments, argument),
                        IObjectCreationOperation creation => Either(FromArguments(creation.Arguments, argument), FromInitializer(creation.Initializer, null)),
                        _ => TurnRole.Unknown,
                    };
                case ISimpleAssignmentOperation assignment when assignment.Value == written:
                    if (assignment.Parent is IObjectOrCollectionInitializerOperation initializer)
                    {
                        return Either(
                            FromInitializer(initializer, assignment),
                            initializer.Parent is IObjectCreationOperation created ? FromArguments(created.Arguments, null) : TurnRole.Unknown);
                    }

                    return assignment.Target is IPropertyReferenceOperation { Instance: ILocalReferenceOperation local } && assignment.Parent is IExpressionStatementOperation statement
                        ? FromStatementsOn(local.Local, statement)
                        : TurnRole.Unknown;
                default:
                    return TurnRole.Unknown;
            }
        }

        /// <summary>Whether <paramref name="name"/> names the app's instructions whatever role sits next to it (<c>Instructions</c>, <c>SystemPrompt</c>).</summary>
        public static bool NamesInstructions(string name) =>
            name.IndexOf("instruction", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("system", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("persona", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>Whether a method's parameters (or a type's properties) include a role: the text next to it is a turn of some role.</summary>
        public static bool HasRoleSibling(ISymbol holder)
        {
            if (holder is IParameterSymbol parameter && parameter.ContainingSymbol is IMethodSymbol method)
            {
                foreach (var other in method.Parameters)
                {
                    if (!SymbolEqualityComparer.Default.Equals(other, parameter) && IsRole(other.Name, other.Type))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static TurnRole Either(TurnRole first, TurnRole second) => first != TurnRole.Unknown ? first : second;

        private static TurnRole FromArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, IArgumentOperation? except)
        {
            foreach (var argument in arguments)
            {
                if (argument != except && argument.Parameter is { } parameter && IsRole(parameter.Name, parameter.Type))
                {
                    return Classify(argument.Value);
                }
            }

            return TurnRole.Unknown;
        }

        private static TurnRole FromInitializer(IObjectOrCollectionInitializerOperation? initializer, IOperation? except)
        {
            if (initializer == null)
            {
                return TurnRole.Unknown;
            }

            foreach (var member in initializer.Initializers)
            {
                if (member != except
                    && member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                    && IsRole(target.Property.Name, target.Property.Type))
                {
                    return Classify(assignment.Value);
                }
            }

            return TurnRole.Unknown;
        }

        /// <summary>
        /// <c>var m = new StoredMessage { Role = "user" }; m.Content = ...;</c> or <c>m.Role = "user";</c> in the same block:
        /// the role written on the same local, in its initializer or a statement of the block.
        /// </summary>
        private static TurnRole FromStatementsOn(ILocalSymbol local, IExpressionStatementOperation statement)
        {
            if (!(statement.Parent is IBlockOperation block))
            {
                return TurnRole.Unknown;
            }

            foreach (var other in block.Operations)
            {
                if (other is IVariableDeclarationGroupOperation group)
                {
                    foreach (var declaration in group.Declarations)
                    {
                        foreach (var declarator in declaration.Declarators)
                        {
                            if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                                && declarator.Initializer?.Value is IObjectCreationOperation creation
                                && Either(FromInitializer(creation.Initializer, null), FromArguments(creation.Arguments, null)) is var role and not TurnRole.Unknown)
                            {
                                return role;
                            }
                        }
                    }
                }
                else if (other is IExpressionStatementOperation
                    {
                        Operation: ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation on } target } assignment
                    }
                    && SymbolEqualityComparer.Default.Equals(on.Local, local)
                    && IsRole(target.Property.Name, target.Property.Type))
                {
                    return Classify(assignment.Value);
                }
            }

            return TurnRole.Unknown;
        }

        /// <summary>
        /// A member or parameter that says whose turn it is: named <c>Role</c>/<c>*Role</c>, <c>Sender</c>, <c>Author</c>
        /// or <c>Speaker</c>, typed as a role (<c>ChatRole</c>, <c>AuthorRole</c>, an enum <c>MessageRole</c>), or a flag
        /// of a chat UI's message (<c>IsUser</c>, <c>FromUser</c>, <c>IsAssistant</c>, <c>IsBot</c>).
        /// </summary>
        private static bool IsRole(string name, ITypeSymbol? type)
        {
            if (type?.SpecialType == SpecialType.System_Boolean)
            {
                return IsTurnFlag(name);
            }

            return name.EndsWith("role", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "sender", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "author", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "speaker", StringComparison.OrdinalIgnoreCase)
                || (type != null && type.SpecialType != SpecialType.System_String && type.Name.EndsWith("Role", StringComparison.Ordinal));
        }

        /// <summary><c>IsUser</c>, <c>FromUser</c>, <c>IsAssistant</c>, <c>IsBot</c>: set to true, the message is a turn of the conversation.</summary>
        private static bool IsTurnFlag(string name) =>
            (name.StartsWith("is", StringComparison.OrdinalIgnoreCase) || name.StartsWith("from", StringComparison.OrdinalIgnoreCase))
            && (name.EndsWith("user", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith("assistant", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith("bot", StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// A role value: a string (<c>"user"</c>, a constant), an enum member or a static member of the role type itself
        /// (<c>ChatRole.User</c>, <c>AuthorRole.System</c>), or a role built from a string (<c>new ChatRole("assistant")</c>).
        /// </summary>
        internal static TurnRole Classify(IOperation value)
        {
            value = KnownPromptSymbols.Unwrap(value);
            switch (value)
            {
                case IFieldReferenceOperation { Field: { IsStatic: true } field } when field.ContainingType?.TypeKind == TypeKind.Enum
                    || SymbolEqualityComparer.Default.Equals(field.Type, field.ContainingType):
                    return ClassifyName(field.Name);
                case IPropertyReferenceOperation { Property: { IsStatic: true } property } when SymbolEqualityComparer.Default.Equals(property.Type, property.ContainingType):
                    return ClassifyName(property.Name);
                case IObjectCreationOperation { Arguments: { Length: 1 } arguments }:
                    return arguments[0].Value.ConstantValue.Value is string created ? ClassifyName(created) : TurnRole.Unknown;
            }

            // A turn flag (IsUser = true): a user's or the assistant's message. False says only that it is some other turn.
            if (value.ConstantValue.Value is true)
            {
                return TurnRole.ConversationTurn;
            }

            return value.ConstantValue.Value is string text ? ClassifyName(text) : TurnRole.Unknown;
        }

        private static TurnRole ClassifyName(string name)
        {
            var trimmed = name.Trim();
            foreach (var role in InstructionRoles)
            {
                if (string.Equals(trimmed, role, StringComparison.OrdinalIgnoreCase))
                {
                    return TurnRole.Instructions;
                }
            }

            foreach (var role in ConversationRoles)
            {
                if (string.Equals(trimmed, role, StringComparison.OrdinalIgnoreCase))
                {
                    return TurnRole.ConversationTurn;
                }
            }

            return TurnRole.Unknown;
        }
    }
}
