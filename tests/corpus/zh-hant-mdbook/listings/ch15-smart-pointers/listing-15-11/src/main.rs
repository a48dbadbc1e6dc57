// ANCHOR: here
fn hello(name: &str) {
    println!("Hello, {name}!");
}
// ANCHOR_END: here

fn main() {}
