fn main() {
    // ANCHOR: here
    let hello = String::from("السلام عليكم");
    let hello = String::from("Dobrý den");
    let hello = String::from("Hello");
    let hello = String::from("שָׁלוֹם");
    let hello = String::from("नमस्ते");
    let hello = String::from("こんにちは");
    let hello = String::from("안녕하세요");
    let hello = String::from("你好");
    let hello = String::from("Olá");
    // ANCHOR: russian
    let hello = String::from("Здравствуйте");
    // ANCHOR_END: russian
    // ANCHOR: spanish
    let hello = String::from("Hola");
    // ANCHOR_END: spanish
    // ANCHOR_END: here
}
