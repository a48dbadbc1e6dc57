fn main() {
    println!("folio");
}
