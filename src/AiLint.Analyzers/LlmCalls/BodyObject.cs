using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>How a member of a body object is written: it decides how its name compares.</summary>
    internal enum BodyMemberKind
    {
        /// <summary>A property of an anonymous object or a DTO member set in an initializer: named by the serializer's policy.</summary>
        Property,

        /// <summary>A dictionary or <c>JsonObject</c> key, or a key in JSON text: sent exactly as spelled.</summary>
        Key,

        /// <summary>A constructor argument, by its parameter's name (<c>record Message(string Role, string Content)</c>).</summary>
        Argument,
    }

    /// <summary>One member of a body object as written: its name, its value, how it is written.</summary>
    internal readonly struct BodyMember
    {
        public BodyMember(string key, BodyValue value, BodyMemberKind kind, ISymbol? symbol = null, IArgumentOperation? argument = null)
        {
            Key = key;
            Value = value;
            Kind = kind;
            Symbol = symbol;
            Argument = argument;
        }

        /// <summary>The JSON name (a DTO member's <c>[JsonPropertyName]</c> or its own), the key, or the parameter's name.</summary>
        public string Key { get; }

        public BodyValue Value { get; }

        public BodyMemberKind Kind { get; }

        /// <summary>The DTO property or field set in an initializer.</summary>
        public ISymbol? Symbol { get; }

        /// <summary>The constructor argument (explicit, or the parameter's default).</summary>
        public IArgumentOperation? Argument { get; }
    }

    /// <summary>An object a body is: created in code (<see cref="Creation"/>) or spelled in JSON text (<see cref="Text"/>).</summary>
    internal sealed class BodyObject
    {
        private BodyObject(IOperation? creation, JsonTextObject? text, List<BodyMember> members)
        {
            Creation = creation;
            Text = text;
            Members = members;
        }

        /// <summary>The anonymous or object creation.</summary>
        public IOperation? Creation { get; }

        /// <summary>The object spelled in JSON text.</summary>
        public JsonTextObject? Text { get; }

        /// <summary>The members as written: initializer members and keys first, then constructor arguments.</summary>
        public IReadOnlyList<BodyMember> Members { get; }

        public static BodyObject Created(IOperation creation)
        {
            var members = new List<BodyMember>();
            switch (creation)
            {
                case IAnonymousObjectCreationOperation anonymous:
                    foreach (var assignment in anonymous.Initializers.OfType<ISimpleAssignmentOperation>())
                    {
                        if (assignment.Target is IPropertyReferenceOperation { Property: var property })
                        {
                            members.Add(new BodyMember(property.Name, new BodyValue(assignment.Value), BodyMemberKind.Property, property));
                        }
                    }

                    break;

                case IObjectCreationOperation created:
                    AddInitialized(created, members);
                    foreach (var argument in created.Arguments)
                    {
                        if (argument.Parameter is { } parameter)
                        {
                            members.Add(new BodyMember(parameter.Name, new BodyValue(argument.Value), BodyMemberKind.Argument, argument: argument));
                        }
                    }

                    break;
            }

            return new BodyObject(creation, null, members);
        }

        public static BodyObject InText(JsonTextObject json)
        {
            var members = new List<BodyMember>(json.Members.Count);
            foreach (var member in json.Members)
            {
                members.Add(new BodyMember(member.Key, BodyValue.From(member.Value), BodyMemberKind.Key));
            }

            return new BodyObject(null, json, members);
        }

        /// <summary>
        /// The value the object gives its member <paramref name="name"/> (compared without case and underscores), written
        /// in an initializer, as a key, or as an explicit constructor argument; null when it sets none.
        /// </summary>
        public BodyValue? Member(string name)
        {
            var wanted = RequestBodyShape.Normalize(name);
            foreach (var member in Members)
            {
                if ((member.Kind != BodyMemberKind.Argument || member.Argument!.ArgumentKind == ArgumentKind.Explicit)
                    && RequestBodyShape.Normalize(member.Key) == wanted)
                {
                    return member.Value;
                }
            }

            return null;
        }

        // { Model = ... } (by the member's JSON name), { ["model"] = ... }, { "model", ... }.
        private static void AddInitialized(IObjectCreationOperation creation, List<BodyMember> members)
        {
            if (creation.Initializer is not { } initializer)
            {
                return;
            }

            foreach (var element in initializer.Initializers)
            {
                switch (element)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } set
                        when indexer.Arguments[0].Value.ConstantValue.Value is string key:
                        members.Add(new BodyMember(key, new BodyValue(set.Value), BodyMemberKind.Key));
                        break;
                    case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Member: var member } } set
                        when member is IPropertySymbol { IsIndexer: false } or IFieldSymbol:
                        members.Add(new BodyMember(RequestBodyShape.JsonName(member) ?? member.Name, new BodyValue(set.Value), BodyMemberKind.Property, member));
                        break;
                    case IInvocationOperation { Arguments.Length: 2 } add when add.Arguments[0].Value.ConstantValue.Value is string key:
                        members.Add(new BodyMember(key, new BodyValue(add.Arguments[1].Value), BodyMemberKind.Key));
                        break;
                }
            }
        }
    }

    /// <summary>A value in a body: an operation the code writes (a member's value, an element, a hole of JSON text written inside quotes), or a value spelled in JSON text.</summary>
    internal readonly struct BodyValue
    {
        public BodyValue(IOperation operation)
        {
            Operation = operation;
            Text = null;
        }

        private BodyValue(JsonTextValue text)
        {
            Operation = null;
            Text = text;
        }

        public IOperation? Operation { get; }

        public JsonTextValue? Text { get; }

        /// <summary>A JSON text value; a string that is one hole (<c>"{prompt}"</c>) is the hole's operation.</summary>
        public static BodyValue From(JsonTextValue value) =>
            value is JsonTextString { Hole: { } hole } ? new BodyValue(hole) : new BodyValue(value);

        /// <summary>The constant string the value is: a constant operation, or a string spelled in JSON text.</summary>
        public string? ConstantString =>
            Operation is { } operation
                ? OperationValues.Unwrap(operation).ConstantValue.Value as string
                : (Text as JsonTextString)?.Constant;
    }
}
