//! What several rules need, one module per question.

pub mod body_in_block;
pub mod continued;
pub mod entries;
pub mod flag;
pub mod model_ids;
pub mod renames;
pub mod rendered_page;
pub mod second_reading;
pub mod shape;
pub mod slug;
pub mod value_text;
